#!/bin/sh
# gen-pathcheck-corpus.sh [COUNT] [SEED]: realistic agent commands for
# bench-pathcheck.sh, NUL-separated on stdout (some span lines: here-docs).
# Builds, git, grep/find, package managers, pipelines, here-docs, cd
# chains, quoting, and a few that must be blocked.
count=${1:-10000}
seed=${2:-1}
awk -v count="$count" -v seed="$seed" '
function pick(s,   a, n) { n = split(s, a, "|"); return a[1 + int(rand() * n)] }
function file() { return pick("src/main.c|src/util.c|lib/parse.py|app/models.py|README.md|package.json|Cargo.toml|go.mod|tests/test_api.py|docs/index.md|Makefile|src/lib.rs|cmd/server/main.go") }
function dir() { return pick("src|lib|tests|docs|build|app|cmd|internal|scripts|.") }
function word() { return pick("TODO|FIXME|password|import|def main|func |error|warning|config|token") }
BEGIN {
	srand(seed)
	for (i = 0; i < count; i++) {
		k = int(rand() * 30)
		if (k == 0) c = "make -j4 && make test"
		else if (k == 1) c = "cargo build --release 2>&1 | tail -20"
		else if (k == 2) c = "npm run build && npm test -- --watch=false"
		else if (k == 3) c = "go build ./... && go test ./" dir() "/..."
		else if (k == 4) c = "gcc -O2 -Wall -c " file() " -o build/out.o"
		else if (k == 5) c = "git status --short"
		else if (k == 6) c = "git diff --stat HEAD~" int(rand() * 5) " -- " file()
		else if (k == 7) c = "git log --oneline -n " int(rand() * 20) " --author=\"Jane Doe\""
		else if (k == 8) c = "git add " file() " && git commit -m \"fix: handle " word() " in " file() "\""
		else if (k == 9) c = "grep -rn \"" word() "\" " dir() "/ --include=\"*.py\""
		else if (k == 10) c = "rg -n \x27" word() "\x27 " dir()
		else if (k == 11) c = "find " dir() " -name \x27*.py\x27 -type f | head -50"
		else if (k == 12) c = "pip install -r requirements.txt && python3 -m pytest -q " dir()
		else if (k == 13) c = "npm install --save-dev eslint@8 prettier"
		else if (k == 14) c = "cat " file() " | grep -v \x27^#\x27 | sort | uniq -c | sort -rn | head"
		else if (k == 15) c = "cat > " dir() "/notes.md <<\x27EOF\x27\n# Notes\nRun `make` then check " file() ".\nEOF"
		else if (k == 16) c = "python3 - <<\x27EOF\x27\nimport json\nprint(json.dumps({\"ok\": True}))\nEOF"
		else if (k == 17) c = "cd " dir() " && ls -la && cd - >/dev/null"
		else if (k == 18) c = "mkdir -p build/tmp && cp " file() " build/tmp/ && ls build/tmp"
		else if (k == 19) c = "sed -n \x27" int(rand() * 100) "," int(rand() * 100 + 100) "p\x27 " file()
		else if (k == 20) c = "wc -l " file() " " file() " " file()
		else if (k == 21) c = "tar czf /tmp/backup-" i ".tgz " dir()
		else if (k == 22) c = "docker build -t app:" i " . && docker run --rm app:" i " pytest"
		else if (k == 23) c = "for f in src/*.c; do gcc -fsyntax-only \"$f\" || echo \"bad $f\"; done"
		else if (k == 24) c = "if [ -f " file() " ]; then head -n 20 " file() "; else echo missing; fi"
		else if (k == 25) c = "echo \"build $(date +%F)\" >> build.log && tail -1 build.log"
		else if (k == 26) c = "ls -la ~/" pick(".ssh|proj|.config|Downloads")
		else if (k == 27) c = "cat ~/" pick(".ssh/id_rsa|.aws/credentials|proj/README.md|.bashrc")
		else if (k == 28) c = "curl -fsSL https://example.com/api/v1/items?page=" i " | jq \x27.items[].name\x27"
		else c = "npx tsc --noEmit -p tsconfig.json && npx eslint " dir() " --ext .ts,.tsx"
		printf "%s%c", c, 0
	}
}'

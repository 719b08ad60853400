#!/bin/sh
# What of the caller's environment reaches the command (contract 4.5, and
# what an outside review found beyond its list): names that carry secrets
# by word (JWT, PASSPHRASE), by suffix (_PWD, _PAT, _KEY, _DSN, _AUTH),
# password managers' sessions, and values that are URLs with credentials.
# Each is removed by claw-landlock itself (checked with env run inside,
# as root and as nobody) and listed by -p; the controls beside them
# (PWD, OLDPWD, GIT_AUTHOR_NAME, a URL without a user part) reach the
# command unchanged, so a pass cannot come from an empty environment.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

removed='MYSQL_PWD GITLAB_PAT STRIPE_KEY SENTRY_DSN NPM_AUTH CI_JOB_JWT
GPG_PASSPHRASE DOCKER_AUTH_CONFIG BW_SESSION OP_SESSION_my SESSION_COOKIE
DATABASE_URL SENTRY_URL SLACK_WEBHOOK_URL HTTP_AUTHORIZATION LDAP_BIND_PW
OPENAI_KEY_2 SONAR_LOGIN ConnectionStrings__Default GIT_CONFIG_VALUE_0
STRIPE PG_URL GH GITLAB'
kept='OLDPWD GIT_AUTHOR_NAME XDG_SESSION_TYPE MIRROR_URL KEYBOARD LANG'

# Every variable above, each secret's value holding "canary" (no value
# holds a blank: the list is split into words).
VARS='MYSQL_PWD=canary1 GITLAB_PAT=canary2 STRIPE_KEY=canary3
SENTRY_DSN=https://canary4@sentry.example/1 NPM_AUTH=canary5
CI_JOB_JWT=canary6 GPG_PASSPHRASE=canary7 DOCKER_AUTH_CONFIG=canary8
BW_SESSION=canary9 OP_SESSION_my=canary10 SESSION_COOKIE=canary11
DATABASE_URL=postgres://app:canary12@db.example:5432/app
SENTRY_URL=https://canary13@sentry.example/
SLACK_WEBHOOK_URL=https://hooks.slack.example/services/canary14
HTTP_AUTHORIZATION=canary15 LDAP_BIND_PW=canary16 OPENAI_KEY_2=canary17
SONAR_LOGIN=canary18 ConnectionStrings__Default=Server=db;Password=canary19
GIT_CONFIG_VALUE_0=Authorization:Bearer_canary20
STRIPE=sk_live_canary21canary21 PG_URL=postgres://db/app?user=u&password=canary22
GH=ghp_canary23canary23canary23 GITLAB=glpat-canary24canary24

OLDPWD=/usr GIT_AUTHOR_NAME=Ann XDG_SESSION_TYPE=tty
MIRROR_URL=https://deb.example/debian?a=b@c KEYBOARD=us LANG=C.UTF-8'
# shellcheck disable=SC2086
with_env() { env $VARS "$@"; }
fixture root

test_expect_success '-p lists every secret-carrying variable and none of the controls' '
	with_env claw-detect -p -W "$WS" >out &&
	for v in $removed; do test_grep "^env-remove	$v\$" out || exit 1; done &&
	for v in $kept; do test_grep_not "^env-remove	$v\$" out || exit 1; done
'

test_expect_success 'env_keep keeps a name the built-in rule removes' '
	printf "[sandbox]\nenv_keep = [\"DATABASE_URL\", \"STRIPE_KEY\"]\n" >keep.toml &&
	with_env claw-detect -c keep.toml -p -W "$WS" >out &&
	test_grep_not "^env-remove	DATABASE_URL\$" out &&
	test_grep "^env-remove	MYSQL_PWD\$" out
'

for u in $TEST_USERS; do
	fixture $u
	test_expect_success "inside claw-landlock the removed variables are gone, the controls are there ($u)" '
		run_as $u env $VARS claw-landlock -W "$WS" -- /usr/bin/env >env.out &&
		for v in $removed; do test_grep_not "^$v=" env.out || exit 1; done &&
		test_grep_not canary env.out &&
		test_grep "^GIT_AUTHOR_NAME=Ann\$" env.out &&
		test_grep "^OLDPWD=/usr\$" env.out &&
		test_grep "^XDG_SESSION_TYPE=tty\$" env.out &&
		test_grep "^MIRROR_URL=https://deb.example/debian?a=b@c\$" env.out &&
		test_grep "^KEYBOARD=us\$" env.out
	'
done

test_done

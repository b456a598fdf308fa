#!/bin/sh
# A local SMTP server for development: GreenMail (Apache-2.0) accepts every mail on 127.0.0.1:3025 and keeps it
# in memory, readable over IMAP on 127.0.0.1:3143 (any user name, password = the address) and through its web page
# and REST API on http://127.0.0.1:8025/. Start the application with the "mail" profile to send to it:
#   java -jar workers/target/civicflow-app.jar --spring.profiles.active=demo,mail
# Stop with Ctrl-C; the mail is gone then.
set -eu
VERSION=2.1.5
JAR="$HOME/.m2/repository/com/icegreen/greenmail-standalone/$VERSION/greenmail-standalone-$VERSION.jar"
if [ ! -f "$JAR" ]; then
  mvn -B -q dependency:get -Dartifact=com.icegreen:greenmail-standalone:$VERSION
fi
exec java -Dgreenmail.setup.test.smtp -Dgreenmail.setup.test.imap -Dgreenmail.hostname=127.0.0.1 \
  -Dgreenmail.auth.disabled -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port=8025 -jar "$JAR"

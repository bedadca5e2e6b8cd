#!/bin/sh
# Apache with mod_php in the foreground, with Debian's run-time settings (user, pid and lock paths;
# Debian's envvars reads unset variables, so no -u).
set -e
. /etc/apache2/envvars
mkdir -p "$APACHE_RUN_DIR" "$APACHE_LOCK_DIR" "$APACHE_LOG_DIR"
exec apache2 -D FOREGROUND

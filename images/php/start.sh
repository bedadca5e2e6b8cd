#!/bin/sh
# php-fpm in the background (it keeps env with clear_env=no), nginx in the foreground. Sites reach
# php-fpm at /run/php/php-fpm.sock, whichever PHP version the image has.
set -eu
sed -i 's/^;clear_env = no/clear_env = no/' /etc/php/$PHP_VERSION/fpm/pool.d/www.conf
mkdir -p /run/php
ln -sf "php$PHP_VERSION-fpm.sock" /run/php/php-fpm.sock
"php-fpm$PHP_VERSION" --daemonize
exec nginx -g 'daemon off;'

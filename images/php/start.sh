#!/bin/sh
# php-fpm in the background (it keeps env with clear_env=no), nginx in the foreground.
set -eu
sed -i 's/^;clear_env = no/clear_env = no/' /etc/php/$PHP_VERSION/fpm/pool.d/www.conf
"php-fpm$PHP_VERSION" --daemonize
exec nginx -g 'daemon off;'

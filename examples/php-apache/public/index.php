<?php
// Every path Apache does not find as a file comes here (FallbackResource).
header('content-type: text/plain');
echo 'php-apache example: ', PHP_VERSION, ' under ', php_sapi_name(), ', path ', parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH), "\n";

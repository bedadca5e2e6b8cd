<?php
// The PHP example: served from run.documentRoot (public/), outside of which nothing is reachable.
echo "php example: " . htmlspecialchars(PHP_VERSION) . " from the document root\n";

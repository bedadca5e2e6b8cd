<?php $name = getenv('hostname') ?: gethostname(); ?>
<!doctype html><title><?= htmlspecialchars($name) ?></title>
<h1><?= htmlspecialchars($name) ?> is running on Berth</h1>
<p>PHP <?= PHP_VERSION ?> with Apache, container <?= htmlspecialchars(gethostname()) ?>.</p>

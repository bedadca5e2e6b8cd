#!/bin/sh
# rsyslog's outchannel calls this when the project's archive reaches its size: keep one older file.
exec mv -f /var/log/berth/project.log /var/log/berth/project.log.1

import type { ResolvedSetup } from '../zerops-yml';

/**
 * run.crontab: a small scheduler started beside the app in every container. Each minute (UTC) it
 * starts the entries whose five-field timing matches (`*`, numbers, ranges, lists, `/` steps;
 * day of month and day of week either match when both are restricted, like cron) as
 * `sh -c <command>` in their working directory, output to the container's log. An entry without
 * `allContainers` runs in one container of the service per minute: the first to claim that minute
 * on the volume the service's containers share. A fixed Perl program (perl-base is in every Debian
 * image); the entries are read from files.
 */
export const CRON_SCRIPT = `#!/usr/bin/perl
use strict;
use warnings;

# berth-cron --match '<timing>' <minute> <hour> <day> <month> <weekday>: prints 1 or 0 (for tests).
if (@ARGV && $ARGV[0] eq '--match') { print(matches(@ARGV[1 .. 6]) ? "1\n" : "0\n"); exit 0 }

my $root = '/etc/berth/cron';
my $claims = '/run/berth-once';

sub slurp {
  my ($file) = @_;
  open(my $h, '<', $file) or return undef;
  my $v = do { local $/; <$h> };
  close $h;
  return $v;
}

my @jobs;
for (my $i = 0; -d "$root/$i"; $i++) {
  push @jobs, { i => $i, timing => slurp("$root/$i/timing"), command => slurp("$root/$i/command"), dir => slurp("$root/$i/dir"), all => -e "$root/$i/all-containers" };
}
exit 0 unless @jobs;

sub field_matches {
  my ($spec, $value, $lo, $hi) = @_;
  for my $part (split /,/, $spec) {
    my ($range, $step) = split m{/}, $part, 2;
    my ($from, $to);
    if ($range eq '*') { ($from, $to) = ($lo, $hi) }
    elsif ($range =~ /^(\\d+)-(\\d+)$/) { ($from, $to) = ($1, $2) }
    elsif ($range =~ /^\\d+$/) { ($from, $to) = ($range, defined $step ? $hi : $range) }
    else { next }
    $step = 1 unless defined $step && $step =~ /^\\d+$/ && $step > 0;
    return 1 if $value >= $from && $value <= $to && ($value - $from) % $step == 0;
  }
  return 0;
}

sub matches {
  my ($timing, $min, $hour, $dom, $mon, $dow) = @_;
  my @f = split ' ', $timing;
  return 0 unless @f == 5;
  return 0 unless field_matches($f[0], $min, 0, 59) && field_matches($f[1], $hour, 0, 23) && field_matches($f[3], $mon, 1, 12);
  my $day_of_week = field_matches($f[4], $dow, 0, 7) || ($dow == 0 && field_matches($f[4], 7, 0, 7));
  my $day_of_month = field_matches($f[2], $dom, 1, 31);
  return ($f[2] ne '*' && $f[4] ne '*') ? ($day_of_month || $day_of_week) : ($day_of_month && $day_of_week);
}

$SIG{CHLD} = 'IGNORE';
while (1) {
  sleep(60 - time % 60);
  my $minute = int(time / 60);
  my @g = gmtime($minute * 60);
  for my $j (@jobs) {
    next unless matches($j->{timing}, $g[1], $g[2], $g[3], $g[4] + 1, $g[6]);
    if (!$j->{all}) {
      mkdir $claims;
      next unless mkdir "$claims/cron-$j->{i}-$minute";
      for my $old (glob "$claims/cron-$j->{i}-*") { rmdir $old if $old =~ /-(\\d+)$/ && $1 < $minute - 60 }
    }
    my $pid = fork;
    if (defined $pid && $pid == 0) {
      chdir $j->{dir} or die "crontab: no folder $j->{dir}\\n";
      exec 'sh', '-c', $j->{command};
      exit 127;
    }
  }
}
`;

/** The scheduler and its entries for a version image (none without run.crontab). */
export function cronFiles(run: ResolvedSetup['run']): { name: string; content: string; mode?: number }[] {
  if (run.crontab.length === 0) return [];
  const files: { name: string; content: string; mode?: number }[] = [{ name: 'usr/local/bin/berth-cron', content: CRON_SCRIPT, mode: 0o755 }];
  run.crontab.forEach((c, i) => {
    const dir = c.workingDir ? (c.workingDir.startsWith('/') ? c.workingDir : `/var/www/${c.workingDir}`) : '/var/www';
    files.push({ name: `etc/berth/cron/${i}/timing`, content: c.timing }, { name: `etc/berth/cron/${i}/command`, content: c.command }, { name: `etc/berth/cron/${i}/dir`, content: dir });
    if (c.allContainers) files.push({ name: `etc/berth/cron/${i}/all-containers`, content: '' });
  });
  return files;
}

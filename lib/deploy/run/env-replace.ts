import type { ResolvedSetup } from '../zerops-yml';

/**
 * run.envReplace: when a container starts, before initCommands, every `<delimiter>NAME<delimiter>`
 * in the target files (a folder: the files directly in it, not its subfolders) becomes the value
 * of the container's variable NAME; a placeholder of an unknown variable stays as it is. It runs
 * at every start, so a changed variable reaches the files on the next restart. A fixed Perl
 * program (perl-base is in every Debian image); the delimiters and targets are read from files.
 */
export const ENV_REPLACE_SCRIPT = `#!/usr/bin/perl
use strict;
use warnings;

sub lines {
  my ($file) = @_;
  open(my $h, '<', $file) or return ();
  my @l = grep { length } map { s/\\r?\\n\\z//r } <$h>;
  close $h;
  return @l;
}

my @delimiters = lines('/etc/berth/env-replace/delimiters');
my @targets = lines('/etc/berth/env-replace/targets');
chdir '/var/www' or die "envReplace: no /var/www\\n";
my @files;
for my $t (@targets) {
  if (-d $t) {
    opendir(my $d, $t) or die "envReplace: cannot read $t: $!\\n";
    push @files, map { "$t/$_" } grep { -f "$t/$_" } sort readdir($d);
    closedir $d;
  } elsif (-f $t) {
    push @files, $t;
  } else {
    print STDERR "envReplace: $t does not exist; skipped\\n";
  }
}
for my $f (@files) {
  open(my $h, '<:raw', $f) or die "envReplace: cannot read $f: $!\\n";
  my $text = do { local $/; <$h> };
  close $h;
  my $before = $text;
  for my $d (@delimiters) {
    my $q = quotemeta($d);
    $text =~ s/$q([A-Za-z_][A-Za-z0-9_]*)$q/exists $ENV{$1} ? $ENV{$1} : "$d$1$d"/ge;
  }
  next if $text eq $before;
  open(my $o, '>:raw', $f) or die "envReplace: cannot write $f: $!\\n";
  print $o $text;
  close $o;
  print "envReplace: $f\\n";
}
`;

/** The program and its inputs for a version image (none without run.envReplace). */
export function envReplaceFiles(run: ResolvedSetup['run']): { name: string; content: string; mode?: number }[] {
  if (!run.envReplace) return [];
  const targets = run.envReplace.target.map((t) => t.replace(/^\.\//, '').replace(/\/+$/, '') || '.');
  return [
    { name: 'usr/local/bin/berth-env-replace', content: ENV_REPLACE_SCRIPT, mode: 0o755 },
    { name: 'etc/berth/env-replace/delimiters', content: `${run.envReplace.delimiter.join('\n')}\n` },
    { name: 'etc/berth/env-replace/targets', content: `${targets.join('\n')}\n` },
  ];
}

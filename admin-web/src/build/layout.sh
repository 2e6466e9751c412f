#!/usr/bin/env bash
# Run by admin-web's pom in `package`, after the fat jar is made: the extracted layout that production runs
# (target/dancham/: dancham.jar + lib/ + the launcher dancham.sh), and, when asked (-Paot), the JDK's AOT cache
# from a training run (dancham.aot). README "Running in production / start-up".
#   layout.sh <fat jar> <destination> <launcher> <java to extract with> <train: true|false> [JDK home for training]
set -euo pipefail
jar=$1 dest=$2 launcher=$3 java=$4 train=$5 jdk=${6:-}

# A fresh directory: jars of an older build must not linger in lib/ (the manifest would ignore them, but the
# directory is what gets copied to a server).
rm -rf "$dest"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dest"
cp "$launcher" "$dest/dancham.sh"
chmod +x "$dest/dancham.sh"
echo "[dancham] extracted layout: $dest (start it with $dest/dancham.sh)"

if [ "$train" != true ]; then
  echo "[dancham] AOT cache: not made (build with -Paot, or run $dest/dancham.sh train on the server)"
  exit 0
fi

major() { # the feature version of a JDK home, from its release file (0 if unknown)
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true)
  echo "${v:-0}"
}
if [ -z "$jdk" ]; then
  best=0
  for home in /usr/lib/jvm/*/; do
    home=${home%/}
    [ -x "$home/bin/java" ] || continue
    v=$(major "$home")
    if [ "$v" -ge 25 ] && [ "$v" -gt "$best" ]; then jdk=$home; best=$v; fi
  done
fi
if [ -z "$jdk" ] || [ "$(major "$jdk")" -lt 25 ]; then
  echo "[dancham] AOT cache: SKIPPED, no JDK 25 or newer ${jdk:+at $jdk }(looked under /usr/lib/jvm; set -Ddancham.aot.jdk=/path)."
  echo "[dancham]   The application runs without it (dancham.sh starts the extracted layout on any JDK 21+)."
  exit 0
fi
DANCHAM_JAVA="$jdk/bin/java" "$dest/dancham.sh" train

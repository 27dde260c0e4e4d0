# Sourced by the build and launcher scripts: exports JAVA_HOME pointing at a JDK >= 25.
# Order: $JAVA_HOME if it is new enough, then every JDK under ${STILT_JVM_DIR:-/usr/lib/jvm}
# (newest first).
# Fails (return 1) with a message naming what was tried when none qualifies.
STILT_MIN_JAVA=25

stilt_java_major() {
  # Prints the feature version of the JDK at $1 (e.g. 25), or nothing.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  fi
  echo "$v"
}

stilt_select_jdk() {
  local tried="" cand major
  for cand in "${JAVA_HOME:-}" $(ls -d "${STILT_JVM_DIR:-/usr/lib/jvm}"/*/ 2>/dev/null | sed 's:/$::' | sort -rV); do
    [ -n "$cand" ] || continue
    major=$(stilt_java_major "$cand")
    tried="$tried $cand(${major:-not a JDK})"
    if [ -n "$major" ] && [ "$major" -ge "$STILT_MIN_JAVA" ]; then
      export JAVA_HOME="$cand"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: stilt-java needs a JDK >= $STILT_MIN_JAVA (java.lang.foreign, release $STILT_MIN_JAVA)." >&2
  echo "       Tried:${tried:- nothing}." >&2
  echo "       Install one (e.g. Temurin 25 under /usr/lib/jvm) or set JAVA_HOME to it." >&2
  return 1
}

# Rejects statements the kernel must never execute (CONVENTIONS §8.3 "Error codes"): stop,
# error stop, print, write to the terminal (write(*, ...), write(6, ...), unit=*/6) and open.
# A bind(C) routine that executes `error stop` ends the whole JVM, and I/O belongs to Java.
#
# Usage: awk -f tools/lint-forbidden.awk FILE...   Prints file:line: text for each hit and exits
# 1 if there is any. Comments and character literals are removed before matching, so a message
# text that mentions "stop" is fine. Case-insensitive; `stop` and `print` are matched as whole
# words (so `stop_index` or `%stop` pass, a variable called `stop` does not).
{
  line = tolower($0)
  gsub(/'[^']*'/, "", line)            # character literals
  gsub(/"[^"]*"/, "", line)
  sub(/!.*/, "", line)                 # comment (after literals, so '!' inside them is gone)
  hit = ""
  if (line ~ /(^|[^a-z0-9_%])stop([^a-z0-9_]|$)/) hit = "stop / error stop"
  else if (line ~ /(^|[^a-z0-9_%])print([^a-z0-9_]|$)/) hit = "print"
  else if (line ~ /(^|[^a-z0-9_%])write[ \t]*\([ \t]*(\*|6[ \t]*[,)]|unit[ \t]*=[ \t]*(\*|6[ \t]*[,)]))/) hit = "write to the terminal"
  else if (line ~ /(^|[^a-z0-9_%])open[ \t]*\(/) hit = "open"
  if (hit != "") {
    printf "%s:%d: forbidden %s: %s\n", FILENAME, FNR, hit, $0
    bad++
  }
}
END {
  if (bad > 0) {
    printf "error: %d forbidden statement(s) in kernel sources; return a status and a message instead\n", bad > "/dev/stderr"
    exit 1
  }
}

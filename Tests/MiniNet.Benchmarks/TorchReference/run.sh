#!/usr/bin/env bash
# Builds the TorchSharp/libtorch reference when its source is newer than the build, then runs it; arguments go to the
# program (README.md here lists them; an unknown option prints the list). The build log is in bin/build.log.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
program=$here/bin/Release/net10.0/TorchReference.dll
if [ ! -f "$program" ] || [ -n "$(find "$here" -maxdepth 1 \( -name '*.cs' -o -name '*.csproj' -o -name '*.py' \) -newer "$program")" ]; then
  mkdir -p "$here/bin"
  dotnet build -c Release "$here/TorchReference.csproj" >"$here/bin/build.log" 2>&1 || { cat "$here/bin/build.log" >&2; exit 1; }
fi
exec dotnet "$program" "$@"

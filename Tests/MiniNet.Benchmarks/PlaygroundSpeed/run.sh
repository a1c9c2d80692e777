#!/usr/bin/env bash
# The playground's training speed in headless Chromium and on the desktop, and the published site's download size
# (see Program.cs). Needs a Chromium (Debian: apt-get install chromium; or MININET_CHROMIUM=/path/to/chromium).
# Usage: Tests/MiniNet.Benchmarks/PlaygroundSpeed/run.sh [STEPS=2000] [REPEATS=3]
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release --project PlaygroundSpeed.csproj -- "$@"

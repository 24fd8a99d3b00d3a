#!/usr/bin/env bash
# The consumer test: FastDense as a NuGet user gets it. Packs FastDense, FastDense.Plotting and FastDense.Interop with
# a version no other run uses into a temporary folder feed, copies template/ (a user's project: a [Model] class,
# training on the embedded digits, a plot, ONNX export and Keras and PyTorch weights files) to a temporary folder
# outside the repository, restores it from that feed (dependencies from the usual registry) into a throwaway package
# folder, builds it (the generator must run from the package) and runs it, then publishes it with NativeAOT and runs
# the native binary with the same checks (Keras files excepted: PureHDF needs the JIT, so that one is a SKIP there).
#
# Prints each check as "PASS name", "FAIL name: why" or "SKIP name: why", then "consumer: N skipped" and last one line
# "consumer: N passed, N failed". Exits non-zero if any check failed. .ci/run adds its counts to its own. How it
# works: docs/packaging.md.
#
#   bash tests/consumer/run.sh [--keep]     --keep leaves the temporary folders and prints where they are
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
template="$repo/tests/consumer/template"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

keep=false
[ "${1:-}" = "--keep" ] && keep=true

work=$(mktemp -d "${TMPDIR:-/tmp}/fastdense-consumer.XXXXXX")
if [ "$keep" = true ]; then
  echo "consumer: working folder $work (kept)"
else
  trap 'rm -rf "$work"' EXIT
fi
feed="$work/feed" app="$work/app" logs="$work/logs"
mkdir -p "$feed" "$app" "$logs"

# A new version each run: NuGet never re-reads a version it has cached, so a reused one could test an old package.
version="0.1.0-ci.$(date -u +%Y%m%d%H%M%S).$$"
# A package folder of this run's own, so nothing restored by an earlier run, of any version, is used.
export NUGET_PACKAGES="$work/packages"

passed=0 failed=0 skipped=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
finish() {
  echo "consumer: $skipped skipped"
  echo "consumer: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
# step <name> <log> <command...>: runs a step, its output to the log (shown if it fails); PASS or FAIL it.
step() {
  local name=$1 log=$2
  shift 2
  local start=$SECONDS
  if "$@" >"$log" 2>&1; then
    pass "$name ($((SECONDS - start)) s)"
  else
    tail -n 40 "$log"
    fail "$name" "exit code, see the output above"
    return 1
  fi
}
# checks <name prefix> <log> <command...>: runs the consumer program and counts its PASS, FAIL and SKIP lines.
checks() {
  local prefix=$1 log=$2
  shift 2
  "$@" >"$log" 2>&1
  local status=$?
  cat "$log"
  local p f s
  p=$(grep -c '^PASS ' "$log")
  f=$(grep -c '^FAIL ' "$log")
  s=$(grep -c '^SKIP ' "$log")
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    fail "$prefix" "the program exited with $status before reporting a failed check"
  elif [ "$p" -eq 0 ]; then
    fail "$prefix" "the program reported no check"
  fi
}

echo "consumer: packing version $version into $feed"
step "pack" "$logs/pack.log" dotnet pack "$repo/FastDense.sln" -c Release -o "$feed" -p:Version="$version" || finish
# The shippable packages; docs/packaging.md says what each contains.
packages=(FastDense FastDense.Plotting FastDense.Interop)
for id in "${packages[@]}"; do
  if [ -f "$feed/$id.$version.nupkg" ] && [ -f "$feed/$id.$version.snupkg" ]; then
    pass "package $id ($(stat -c %s "$feed/$id.$version.nupkg") bytes, symbols $(stat -c %s "$feed/$id.$version.snupkg") bytes)"
  else
    fail "package $id" "$id.$version.nupkg or .snupkg missing from $feed"
  fi
done
# Exactly the shippable packages: a test, sample or tool that became packable would show up here.
others=$(find "$feed" -name '*.nupkg' ! -name "FastDense.$version.nupkg" ! -name "FastDense.Plotting.$version.nupkg" \
           ! -name "FastDense.Interop.$version.nupkg" -printf '%f ')
if [ -z "$others" ]; then pass "only the shippable packages"; else fail "only the shippable packages" "also packed: $others"; fi
# The generator in the package is the one this pack built, not a leftover: same bytes as its Release output.
generator_entry=$(unzip -l "$feed/FastDense.$version.nupkg" | awk '{print $4}' | grep -x 'analyzers/dotnet/cs/FastDense.Generators.dll')
if [ -n "$generator_entry" ] && unzip -p "$feed/FastDense.$version.nupkg" "$generator_entry" \
     | cmp -s - "$repo/generators/FastDense.Generators/bin/Release/netstandard2.0/FastDense.Generators.dll"; then
  pass "generator packed from this build"
else
  fail "generator packed from this build" "analyzers/dotnet/cs/FastDense.Generators.dll missing or not the Release build of this pack"
fi

# What NuGet shows and what a debugger needs: metadata in the nuspec, SourceLink in the symbols' pdb, mapped to the
# repository set in Directory.Build.props.
repository_url=$(dotnet msbuild "$repo/src/FastDense/FastDense.csproj" -getProperty:FastDenseRepositoryUrl 2>/dev/null)
for id in "${packages[@]}"; do
  nuspec=$(unzip -p "$feed/$id.$version.nupkg" "$id.nuspec")
  missing=""
  for field in "<readme>PACKAGE.md</readme>" '<license type="expression">MIT</license>' "<projectUrl>$repository_url</projectUrl>" \
               "<repository type=\"git\" url=\"$repository_url\"" "<tags>"; do
    grep -qF "$field" <<<"$nuspec" || missing+=" $field"
  done
  if [ -n "$repository_url" ] && [ -z "$missing" ]; then pass "$id metadata"; else fail "$id metadata" "nuspec lacks:$missing"; fi
  raw=${repository_url/https:\/\/github.com/https:\/\/raw.githubusercontent.com}
  # Counted, not grep -q: an early exit would cut unzip's output (SIGPIPE) and pipefail would fail the check.
  if [ -n "$repository_url" ] && [ "$(unzip -p "$feed/$id.$version.snupkg" "lib/net10.0/$id.pdb" | grep -acF "\"$raw/")" -gt 0 ]; then
    pass "$id SourceLink"
  else
    fail "$id SourceLink" "the pdb in $id.$version.snupkg maps no source to $raw"
  fi
done

cp "$template/Consumer.csproj" "$template/Program.cs" "$app/"
cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="fastdense-consumer-test" value="$feed" />
  </packageSources>
</configuration>
XML
props=(-p:FastDenseVersion="$version")
package_folder="$NUGET_PACKAGES/fastdense/$version"

step "restore from the feed" "$logs/restore.log" dotnet restore "$app" "${props[@]}" -r linux-x64 -p:PublishAot=true || finish
step "build (generator from the package)" "$logs/build.log" dotnet build "$app" -c Release --no-restore "${props[@]}" || finish
checks "jit run" "$logs/jit.log" dotnet "$app/bin/Release/net10.0/Consumer.dll" "$package_folder" "$work/jit.png" any

# A mistake in a user's declaration is reported by the packaged generator, with an absolute help link (IDEs open it,
# and the build prints it after the message). The copy drops 'partial' from the model class: FD0001.
broken="$work/broken"
mkdir -p "$broken"
cp "$app/Consumer.csproj" "$app/nuget.config" "$broken/"
sed 's/^public partial class ConsumerNet;$/public class ConsumerNet;/' "$app/Program.cs" >"$broken/Program.cs"
dotnet build "$broken" -c Release "${props[@]}" >"$logs/broken.log" 2>&1
help="$repository_url/blob/main/docs/diagnostics/FD0001.md"
# Counted, as above: MSBuild repeats errors in its summary, and a grep -q that left early would fail the pipe.
if [ "$(grep -F "error FD0001: 'ConsumerNet' must be declared partial" "$logs/broken.log" | grep -cF "($help)")" -gt 0 ]; then
  pass "FD0001 from the package, linking to $help"
else
  tail -n 20 "$logs/broken.log"
  fail "FD0001 from the package" "the build of a non-partial model reported no FD0001 whose help link is $help"
fi

step "publish with NativeAOT" "$logs/publish.log" \
  dotnet publish "$app" -c Release -r linux-x64 -p:PublishAot=true --no-restore "${props[@]}" -o "$work/native" || finish
# The package's buildTransitive targets choose the instruction set and say so in the build output.
if grep -q "FastDense: NativeAOT instruction set x86-64-v3" "$logs/publish.log"; then
  pass "instruction set chosen by the package"
else
  fail "instruction set chosen by the package" "no 'FastDense: NativeAOT instruction set x86-64-v3' message in the publish output"
fi
# Trim and AOT warnings: the consumer lets IL2104/IL3053 stay warnings because PureHDF (FastDense.Interop's Keras
# files) produces them; any other assembly's, or any other trim or AOT warning, fails here.
aot_warnings=$(grep -oE "warning IL[23][0-9]{3}: [^[]*" "$logs/publish.log" | sed 's/ *$//' | sort -u)
not_purehdf=$(grep -vE "^warning IL(2104|3053): Assembly 'PureHDF' produced (trim|AOT analysis) warnings" <<<"$aot_warnings" | grep .)
if [ -z "$not_purehdf" ]; then
  pass "trim and AOT warnings only from PureHDF ($(grep -c . <<<"$aot_warnings") distinct)"
else
  fail "trim and AOT warnings only from PureHDF" "also: $not_purehdf"
fi
echo "consumer: native binary $(stat -c %s "$work/native/Consumer") bytes"
checks "native run" "$logs/native.log" "$work/native/Consumer" "$package_folder" "$work/native.png" 256

finish

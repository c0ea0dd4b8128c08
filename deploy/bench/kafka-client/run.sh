#!/usr/bin/env bash
# npm run bench:kafka-client — @platformatic/kafka against kafkajs on the same Kafka-protocol
# broker in the same run (issue 22). Not a test; not part of `npm test`.
#
# The only broker this machine can have is librdkafka's mock cluster. Debian's (2.0.2) cannot
# serve @platformatic/kafka at all, so this builds librdkafka 2.12.0 from the source bundled in
# node-rdkafka 3.6.1's npm tarball (≈ 6 min on 2 cores, once; kept in .custos/kafka-client) and
# links a small launcher (mock-cluster.c). See README.md for what the mock can and cannot do.
#   KAFKA_BENCH_ROUNDS   rounds (default 3); TOTAL_B100, TOTAL_B1, LAT_RATE, LAT_SECONDS: bench.mjs
#   KAFKA_BENCH_NATIVE_CRC=0   hide @platformatic/kafka's optional native CRC32C
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$here/../../../.custos/kafka-client"
mkdir -p "$work" && cd "$work"

if [ ! -f librdkafka/src/librdkafka.a ]; then
  [ -f node-rdkafka-3.6.1.tgz ] || npm pack --silent node-rdkafka@3.6.1 >/dev/null
  rm -rf librdkafka nrk && mkdir nrk && tar -xzf node-rdkafka-3.6.1.tgz -C nrk
  mv nrk/package/deps/librdkafka . && rm -rf nrk
  (cd librdkafka && ./configure --no-download --disable-ssl --disable-gssapi --disable-zstd \
    --disable-lz4-ext --disable-curl --disable-zlib --disable-syslog >/dev/null && make -s -j2 -C src)
fi
mkdir -p include patched && ln -sfn ../librdkafka/src include/librdkafka
libs="librdkafka/src/librdkafka.a -lm -ldl -lpthread -lrt"
# The one mock source file, patched (its ApiVersions v3 answer made well-formed); its object
# shadows the archive's member when linked first.
cp librdkafka/src/rdkafka_mock_handlers.c patched/rdkafka_mock_handlers.c
patch -s patched/rdkafka_mock_handlers.c "$here/mock-apiversions-v3.patch"
gcc -O2 -fPIC -Ilibrdkafka/src -c patched/rdkafka_mock_handlers.c -o patched/rdkafka_mock_handlers.o
gcc -O2 -Wall -Iinclude -o mock-cluster-av3 "$here/mock-cluster.c" patched/rdkafka_mock_handlers.o $libs

# Both clients are the repository's own (package.json); the bench runs where it lies.
preload=()
[ "${KAFKA_BENCH_NATIVE_CRC:-1}" = 0 ] && preload=(-r "$here/no-native-crc.cjs")
MOCK="$PWD/mock-cluster-av3" node "${preload[@]}" "$here/bench.mjs" "${KAFKA_BENCH_ROUNDS:-3}"

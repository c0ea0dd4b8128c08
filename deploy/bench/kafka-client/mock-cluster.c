/*
 * mock-cluster: hosts librdkafka's mock Kafka cluster (no real broker needed).
 *
 *   mock-cluster [brokers=1] [topic:partitions ...]
 *
 * Prints "bootstrap.servers=<list>" on stdout, then serves until stdin closes or
 * SIGINT/SIGTERM. Environment:
 *   MOCK_APIVERSION_MAX  advertised ApiVersions max (default 3). The 2.12 mock's ApiVersion
 *                        handler implements the v3 request, it only advertises 0..2; clients
 *                        that always send v3 (@platformatic/kafka) need 3. Set 2 for stock.
 *   MOCK_DEBUG           librdkafka debug contexts (e.g. "mock,protocol"), logged to stderr.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested = 0;
static void on_signal(int sig) { (void)sig; stop_requested = 1; }

static void die(const char *what, const char *detail) {
        fprintf(stderr, "mock-cluster: %s: %s\n", what, detail);
        exit(1);
}

int main(int argc, char **argv) {
        char errstr[512];
        int brokers = argc > 1 ? atoi(argv[1]) : 1;
        const char *apimax_env = getenv("MOCK_APIVERSION_MAX");
        int apimax = apimax_env ? atoi(apimax_env) : 3;
        const char *debug = getenv("MOCK_DEBUG");
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_t *rk;
        rd_kafka_mock_cluster_t *mcluster;
        rd_kafka_resp_err_t err;
        int i;

        if (brokers < 1) brokers = 1;
        /* The handle only does the mock's bookkeeping; it never connects anywhere. */
        if (debug && rd_kafka_conf_set(conf, "debug", debug, errstr, sizeof(errstr)))
                die("debug", errstr);
        /* Quiet the "no bootstrap.servers" notice unless debugging. */
        if (!debug && rd_kafka_conf_set(conf, "log_level", "4", errstr, sizeof(errstr)))
                die("log_level", errstr);
        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk) die("rd_kafka_new", errstr);

        mcluster = rd_kafka_mock_cluster_new(rk, brokers);
        if (!mcluster) die("rd_kafka_mock_cluster_new", "failed");

        err = rd_kafka_mock_set_apiversion(mcluster, 18 /* ApiVersions */, 0, (int16_t)apimax);
        if (err) die("rd_kafka_mock_set_apiversion", rd_kafka_err2str(err));

        for (i = 2; i < argc; i++) {
                char name[256];
                char *colon = strchr(argv[i], ':');
                int parts = colon ? atoi(colon + 1) : 1;
                size_t len = colon ? (size_t)(colon - argv[i]) : strlen(argv[i]);
                if (len >= sizeof(name)) die("topic name too long", argv[i]);
                memcpy(name, argv[i], len);
                name[len] = '\0';
                err = rd_kafka_mock_topic_create(mcluster, name, parts, brokers < 3 ? brokers : 3);
                if (err) die("rd_kafka_mock_topic_create", rd_kafka_err2str(err));
        }

        printf("bootstrap.servers=%s\n", rd_kafka_mock_cluster_bootstraps(mcluster));
        printf("librdkafka=%s apiversion.max=%d\n", rd_kafka_version_str(), apimax);
        fflush(stdout);

        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
        /* Serve until stdin is closed (parent went away) or a signal arrives. */
        while (!stop_requested) {
                char buf[64];
                ssize_t r = read(0, buf, sizeof(buf));
                if (r == 0) break;
                if (r < 0) continue; /* EINTR from a signal */
        }

        rd_kafka_mock_cluster_destroy(mcluster);
        rd_kafka_destroy(rk);
        return 0;
}

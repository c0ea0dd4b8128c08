// Preloaded (node -r) into each service of the chaos run: its connections to the Kafka brokers
// go through the run's fault proxies (libs/testing KafkaFaultProxy), as the kernel's own tests
// do in process with a kafkajs socketFactory. Kafka clients learn broker addresses from
// metadata, so the bootstrap list alone cannot be pointed at a proxy. CHAOS_DIAL_THROUGH maps
// broker ports to proxy ports: "9092=41001,9093=41002". Plain JS: it runs with compiled services.
'use strict';
const net = require('node:net');

const map = new Map(
  (process.env.CHAOS_DIAL_THROUGH || '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=').map(Number)),
);

if (map.size > 0) {
  const connect = net.connect;
  const redirect = (args) => {
    const [first] = args;
    if (first && typeof first === 'object' && map.has(Number(first.port))) {
      return [{ ...first, host: '127.0.0.1', port: map.get(Number(first.port)) }, ...args.slice(1)];
    }
    return args;
  };
  net.connect = net.createConnection = function (...args) {
    return connect.apply(this, redirect(args));
  };
}

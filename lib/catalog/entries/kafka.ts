import { plain, secret } from '../building-blocks';
import { officialOnly, tcpProbe } from './official-only';

const PORT = 9092;

/**
 * Kafka 3 in KRaft mode from the upstream `apache/kafka` image: one node that is broker and controller,
 * SASL PLAIN on the client port with the generated user (as Zerops offers it).
 */
export const kafka = officialOnly({
  type: 'kafka',
  displayName: 'Kafka',
  category: 'broker',
  versions: [
    { version: '3.9', image: 'apache/kafka:3.9.0', default: true },
    { version: '3.8', image: 'apache/kafka:3.8.1' },
  ],
  ports: [{ port: PORT, protocol: 'tcp', http: false, name: 'kafka' }],
  dataPath: '/var/lib/kafka/data',
  resources: { cpu: 1, memoryMb: 1024 },
  generate(ctx) {
    return { port: plain(PORT), user: plain(ctx.hostname), password: secret(ctx.password()) };
  },
  env: (g, input) => {
    const user = g.user ?? input.hostname;
    const password = g.password ?? '';
    return {
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `SASL_PLAINTEXT://:${PORT},CONTROLLER://:9093`,
      KAFKA_ADVERTISED_LISTENERS: `SASL_PLAINTEXT://${input.hostname}:${PORT}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'SASL_PLAINTEXT',
      KAFKA_SASL_ENABLED_MECHANISMS: 'PLAIN',
      KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL: 'PLAIN',
      KAFKA_LISTENER_NAME_SASL_PLAINTEXT_PLAIN_SASL_JAAS_CONFIG: `org.apache.kafka.common.security.plain.PlainLoginModule required username="${user}" password="${password}" user_${user}="${password}";`,
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_NUM_PARTITIONS: '3',
      KAFKA_LOG_DIRS: '/var/lib/kafka/data',
    };
  },
  // The image is Alpine-based (busybox nc); the client port needs SASL, so the probe only connects.
  healthCheck: tcpProbe(PORT, 'busybox'),
});

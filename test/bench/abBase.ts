/**
 * What the gateway A/B benchmark (gatewayAB.ts) takes from a build: bundled once from this tree and once
 * from the base ref's (copied there by index.ts), so both gateways run from their own code in one process.
 */
export { ArtifactStore } from '../../server/gateway/artifacts';
export { EventHub } from '../../server/gateway/events';
export { silentLogger } from '../../server/gateway/log';
export { GatewayMetrics } from '../../server/gateway/metrics';
export { startGateway } from '../../server/gateway/server';

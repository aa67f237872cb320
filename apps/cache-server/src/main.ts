import { type AddressInfo } from 'node:net';
import { createService, serviceName } from './server';

const port = Number(process.env.PORT ?? 3000);
const server = createService();

server.listen(port, () => {
  console.log(`${serviceName} listening on http://localhost:${(server.address() as AddressInfo).port}`);
});

// Let in-flight requests finish when the orchestrator stops the service.
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});

export { freePort } from '../../backend/sandbox/common/free-port.ts';

// Global setup of the e2e project: the journey runs the server bundle, as `npm start` does after
// `npm ci`, rebuilt first when any of its sources is newer.
import { buildIfStale, SERVER } from './builds.ts';

export default function setup(): void {
  buildIfStale(SERVER);
}

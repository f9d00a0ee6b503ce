// Global setup of the e2e-web project: the browser tests run against the current web app and server
// bundle, each rebuilt first when any of its sources is newer.
import { buildIfStale, SERVER, WEB } from './builds.ts';

export default function setup(): void {
  buildIfStale(SERVER);
  buildIfStale(WEB);
}

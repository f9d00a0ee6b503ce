// Kafka checks for deploy/local/{up,down}, with the client the application uses:
//   node kafka-admin.mjs wait-groups <brokers> <timeout s> <topic prefix> <group|prefix*>…
//     waits until each group is Stable with a member assigned partitions of the deployment's
//     topics (a group ending in * is any group starting so, e.g. realtime's per-replica groups)
//   node kafka-admin.mjs delete-topics <brokers> <topic prefix>
import { Admin } from '@platformatic/kafka';

const [command, brokers, ...rest] = process.argv.slice(2);
const admin = new Admin({
  clientId: 'taskstream-deploy-local',
  bootstrapBrokers: brokers.split(','),
  timeout: 5_000,
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Topics the group's members hold partitions of. */
function assignedTopics(group) {
  const topics = new Set();
  for (const member of group.members.values())
    for (const topic of member.assignments?.keys() ?? []) topics.add(topic);
  return [...topics];
}

async function waitGroups(timeoutSeconds, prefix, wanted) {
  const deadline = Date.now() + Number(timeoutSeconds) * 1000;
  let missing = wanted;
  while (Date.now() < deadline) {
    try {
      const ids = [...(await admin.listGroups()).keys()];
      const candidates = ids.filter((id) =>
        wanted.some((w) => (w.endsWith('*') ? id.startsWith(w.slice(0, -1)) : id === w)),
      );
      const described =
        candidates.length > 0 ? await admin.describeGroups({ groups: candidates }) : new Map();
      const ready = [...described.values()].filter(
        (g) =>
          (g.state === 'Stable' || g.state === 'STABLE') &&
          assignedTopics(g).some((t) => t.startsWith(prefix)),
      );
      missing = wanted.filter(
        (w) => !ready.some((g) => (w.endsWith('*') ? g.id.startsWith(w.slice(0, -1)) : g.id === w)),
      );
      if (missing.length === 0) return;
    } catch (error) {
      missing = [`${missing.join(', ')} (${error.message})`];
    }
    await sleep(500);
  }
  throw new Error(`consumer groups not ready within ${timeoutSeconds}s: ${missing.join(', ')}`);
}

try {
  if (command === 'wait-groups') {
    const [timeout, prefix, ...groups] = rest;
    await waitGroups(timeout, prefix, groups);
  } else if (command === 'delete-topics') {
    const [prefix] = rest;
    const topics = (await admin.listTopics()).filter((topic) => prefix && topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    console.error(`deleted ${topics.length} topic(s) starting with ${prefix}`);
  } else throw new Error(`unknown command ${command}`);
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await admin.close().catch(() => {});
}

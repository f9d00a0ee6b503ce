// The start-up step that reads secrets through the Dapr sidecar (EVENT_BUS=dapr): DATABASE_URL,
// AUTH_SECRET and OPENAI_API_KEY, each only when the environment did not give it. config.ts stays
// the one reader of the environment; this only fills the gaps, validated by the same schema. Here
// the store is a local file; on Kubernetes the chart points the same store name at its secrets.
import { type Config, ConfigError, missingSecrets, type SecretName, withSecrets } from '../config.ts';
import { DaprClient, DaprError } from '../events/dapr-client.ts';

export interface ResolvedSecrets {
  config: Config;
  /** The names read from the store (never their values), for the start-up log. */
  resolved: SecretName[];
}

export async function resolveSecrets(
  config: Config,
  client: DaprClient = new DaprClient({ httpPort: config.daprHttpPort, apiToken: config.daprApiToken }),
  options: { timeoutMs?: number } = {},
): Promise<ResolvedSecrets> {
  const store = config.daprSecretStore;
  const missing = missingSecrets(config);
  if (config.eventBus !== 'dapr' || store === '' || missing.length === 0) return { config, resolved: [] };
  // The sidecar loads its components (the secret store) before it answers this, and answers it
  // before the app listens: the order deploy/local/up and Kubernetes start things in.
  await client.waitOutbound(options.timeoutMs ?? 60_000);
  const values: Partial<Record<SecretName, string>> = {};
  for (const name of missing) {
    try {
      const value = await client.secret(store, name);
      if (value !== undefined) values[name] = value;
    } catch (error) {
      if (error instanceof DaprError && error.code === 'ERR_SECRET_STORE_NOT_FOUND')
        throw new ConfigError(
          `The Dapr sidecar has no secret store "${store}" (DAPR_SECRET_STORE). Add the component, ` +
            'or set DAPR_SECRET_STORE= (empty) to read secrets from the environment only.',
        );
      throw error;
    }
  }
  return { config: withSecrets(config, values), resolved: Object.keys(values) as SecretName[] };
}

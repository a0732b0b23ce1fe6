/**
 * On Node < 22 the SDK prints a multi-line notice about its own future Node support on the first
 * client: news for tighten's maintainers, noise in a CLI's stderr (tighten supports Node 20).
 */
export function silenceSdkNodeNotice(): void {
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
}

/** A client made only to ask the SDK's loader for the region (any service's client will do). */
export interface RegionProbe {
  readonly config: { region(): Promise<string> };
  destroy(): void;
}

/**
 * The region the SDK's own loader finds (AWS_REGION, then the profile's `region`), or undefined
 * when none is configured or it is not a valid region.
 */
export async function configuredRegion(createProbe: () => RegionProbe): Promise<string | undefined> {
  silenceSdkNodeNotice();
  const probe = createProbe();
  try {
    return await probe.config.region();
  } catch {
    return undefined;
  } finally {
    probe.destroy();
  }
}

/** Apps registered with the emulator (what a developer account's app settings hold in HubSpot). */

export interface WebhookSubscription {
  id: number;
  /** `contact.creation`, `contact.propertyChange`, `object.creation`, `contact.privacyDeletion`… */
  subscriptionType: string;
  /** For `object.*` subscriptions: `contact`, `invoice`, `commerce_payment`, … */
  objectType?: string;
  /** For propertyChange subscriptions: only changes of this property are delivered. */
  propertyName?: string;
  active: boolean;
}

export interface RegisteredApp {
  appId: number;
  name: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Required scopes: `scope` on the authorize URL must list exactly these. */
  scopes: string[];
  optionalScopes: string[];
  webhooks: {
    targetUrl: string | null;
    maxConcurrentRequests: number;
    subscriptions: WebhookSubscription[];
  };
}

/**
 * Where our backend lives, as HubSpot's fetch proxy reaches it. It must be one of the origins in
 * `app-hsmeta.json` `permittedUrls.fetch` (a unit test keeps the two equal); change both when deploying.
 */
export const BACKEND_BASE_URL = 'https://sync.example.com';

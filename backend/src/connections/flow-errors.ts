/** A failure of an OAuth hand-off, shown to the person on one of our pages (never a stack trace). */
export class ConnectFlowError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status = 400,
    /** Where the person can start over, shown as a button. */
    public readonly retry?: { label: string; href: string },
  ) {
    super(message);
    this.name = 'ConnectFlowError';
  }
}

export function stateFailureMessage(reason: 'unknown' | 'used' | 'expired' | 'wrong_browser' | 'wrong_kind', flow: string): string {
  switch (reason) {
    case 'used':
      return `This ${flow} link has already been used. If the ${flow} did not finish, start it again.`;
    case 'expired':
      return `This ${flow} link has expired. Start the ${flow} again.`;
    case 'wrong_browser':
      return `This ${flow} was started in another browser (or its cookie was blocked). Start it again in this browser.`;
    default:
      return `This ${flow} link is not valid. Start the ${flow} again.`;
  }
}

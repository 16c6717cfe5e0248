/**
 * The assumptions ClinPay uses when the user gives none, shared by the sheets that price wRVUs
 * and time; every sheet and CLI summary marks them as defaults to replace.
 * $50 per wRVU sits in the $45–55 that employed physicians' contracts commonly pay (not
 * Medicare's $33.40 conversion factor, which prices total RVUs, not work RVUs). $150 an hour is
 * about $300k a year over 48 weeks of 42 hours.
 */
export const DEFAULT_DOLLARS_PER_WRVU = 50;
export const DEFAULT_EFFECTIVE_HOURLY = 150;

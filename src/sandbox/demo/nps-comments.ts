/**
 * Survey comments by sentiment. Detractor comments carry the root-cause categories the NPS
 * close-the-loop step classifies (support, product gap, onboarding, value perception,
 * relationship); some passives write negative comments, which must notify the CSM.
 */
export const PROMOTER_COMMENTS = [
  'Love how easy the dashboards are.',
  'Great support team, quick answers every time.',
  'Saves our operations team hours every week.',
  'We rolled it out to two more teams already.',
  'Reliable and fast. Would recommend.',
  'Our CSM is fantastic, very proactive.',
];

export const PASSIVE_COMMENTS = [
  'Does the job.',
  'Good overall, a few rough edges.',
  'Fine for what we need.',
  'Solid product, onboarding took a while.',
];

export const PASSIVE_NEGATIVE_COMMENTS = [
  'Reports are slow and support took days to answer.',
  'Price went up and we use fewer features than expected.',
  'The integration keeps breaking after your updates.',
  'Hard to get the wider team to adopt it.',
  'Still missing the features we were promised at signing.',
];

export const DETRACTOR_COMMENTS = [
  'Support tickets sit for days without an answer.',
  'No SSO for our second region, which is a blocker for us.',
  'Onboarding was confusing and nobody followed up.',
  'Not sure we get value for the price anymore.',
  'We have not heard from our account team in months.',
  'Too many outages this quarter.',
];

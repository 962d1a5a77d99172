WITH "sextant_events" AS (
  SELECT
    "account_key" AS "account_key",
    (DATE '1970-01-01' + CAST(floor(epoch_us(CAST("occurred_at" AS TIMESTAMPTZ)) / 86400000000) AS INTEGER)) AS "day",
    CAST("occurred_at" AS TIMESTAMPTZ) AS "occurred_at",
    "user_id" AS "user_id",
    "event_type" AS "event_type",
    "feature" AS "feature"
  FROM "events"
  WHERE CAST("occurred_at" AS TIMESTAMPTZ) >= CAST(CAST($1 AS DATE) - 1 AS TIMESTAMPTZ) AND CAST("occurred_at" AS TIMESTAMPTZ) < CAST(CAST($2 AS DATE) + 2 AS TIMESTAMPTZ)
),
"sextant_user_days" AS (
  SELECT
    "account_key",
    "day",
    "user_id",
    COUNT(CASE WHEN "event_type" IN ('login') THEN 1 END) AS "logins",
    MAX(CASE WHEN "event_type" IN ('login') THEN "occurred_at" END) AS "last_login_at",
    COUNT(*) AS "events",
    COUNT(CASE WHEN "event_type" IN ('feature_used') AND "feature" = 'dashboards' THEN 1 END) AS "feature_dashboards",
    COUNT(CASE WHEN "event_type" IN ('feature_used') AND "feature" = 'reports' THEN 1 END) AS "feature_reports",
    COUNT(CASE WHEN "event_type" IN ('feature_used') AND "feature" = 'workflows' THEN 1 END) AS "feature_workflows",
    COUNT(CASE WHEN "event_type" IN ('feature_used') AND "feature" = 'integrations' THEN 1 END) AS "feature_integrations"
  FROM "sextant_events"
  WHERE "day" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  GROUP BY "account_key", "day", "user_id"
),
"sextant_days" AS (
  SELECT
    "account_key",
    "day",
    COUNT("user_id") AS "active_users",
    CAST(sum(CAST("logins" AS DOUBLE)) AS BIGINT) AS "logins",
    MAX("last_login_at") AS "last_login_at",
    CAST(sum(CAST("events" AS DOUBLE)) AS BIGINT) AS "events",
    CAST(sum(CAST("feature_dashboards" AS DOUBLE)) AS BIGINT) AS "feature_dashboards",
    CAST(sum(CAST("feature_reports" AS DOUBLE)) AS BIGINT) AS "feature_reports",
    CAST(sum(CAST("feature_workflows" AS DOUBLE)) AS BIGINT) AS "feature_workflows",
    CAST(sum(CAST("feature_integrations" AS DOUBLE)) AS BIGINT) AS "feature_integrations"
  FROM "sextant_user_days"
  GROUP BY "account_key", "day"
),
"sextant_licenses" AS (
  SELECT "account_key", "licenses", "name"
  FROM (
    SELECT
      "account_key" AS "account_key",
      CAST("licenses_provisioned" AS BIGINT) AS "licenses",
      "account_name" AS "name",
      ROW_NUMBER() OVER (PARTITION BY "account_key" ORDER BY CAST("as_of" AS DATE) DESC NULLS LAST, CAST("licenses_provisioned" AS BIGINT) DESC NULLS LAST, "account_name" ASC NULLS LAST) AS "rank"
    FROM "licenses"
  ) "ranked"
  WHERE "rank" = 1
)
SELECT
  "r"."account_key",
  "r"."day",
  "r"."active_users",
  "r"."logins",
  "r"."last_login_at",
  "r"."events",
  "r"."feature_dashboards",
  "r"."feature_reports",
  "r"."feature_workflows",
  "r"."feature_integrations",
  "l"."licenses" AS "licenses"
FROM "sextant_days" "r"
LEFT JOIN "sextant_licenses" "l" ON "l"."account_key" = "r"."account_key"
ORDER BY "r"."account_key", "r"."day"

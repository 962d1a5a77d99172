WITH "sextant_events" AS (
  SELECT
    "ACCOUNT_KEY" AS "account_key",
    CAST(CONVERT_TIMEZONE('UTC', TO_TIMESTAMP_TZ("OCCURRED_AT")) AS DATE) AS "day",
    TO_TIMESTAMP_TZ("OCCURRED_AT") AS "occurred_at",
    "USER_ID" AS "user_id",
    "EVENT_TYPE" AS "event_type",
    "FEATURE" AS "feature"
  FROM "EVENTS"
  WHERE TO_TIMESTAMP_TZ("OCCURRED_AT") >= TO_TIMESTAMP_TZ(DATEADD(day, -1, CAST(? AS DATE))) AND TO_TIMESTAMP_TZ("OCCURRED_AT") < TO_TIMESTAMP_TZ(DATEADD(day, 2, CAST(? AS DATE)))
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
  WHERE "day" BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
  GROUP BY "account_key", "day", "user_id"
),
"sextant_days" AS (
  SELECT
    "account_key",
    "day",
    COUNT("user_id") AS "active_users",
    CAST(SUM("logins") AS BIGINT) AS "logins",
    MAX("last_login_at") AS "last_login_at",
    CAST(SUM("events") AS BIGINT) AS "events",
    CAST(SUM("feature_dashboards") AS BIGINT) AS "feature_dashboards",
    CAST(SUM("feature_reports") AS BIGINT) AS "feature_reports",
    CAST(SUM("feature_workflows") AS BIGINT) AS "feature_workflows",
    CAST(SUM("feature_integrations") AS BIGINT) AS "feature_integrations"
  FROM "sextant_user_days"
  GROUP BY "account_key", "day"
),
"sextant_licenses" AS (
  SELECT "account_key", "licenses", "name"
  FROM (
    SELECT
      "ACCOUNT_KEY" AS "account_key",
      CAST("LICENSES_PROVISIONED" AS BIGINT) AS "licenses",
      "ACCOUNT_NAME" AS "name",
      ROW_NUMBER() OVER (PARTITION BY "ACCOUNT_KEY" ORDER BY CAST("AS_OF" AS DATE) DESC NULLS LAST, CAST("LICENSES_PROVISIONED" AS BIGINT) DESC NULLS LAST, "ACCOUNT_NAME" ASC NULLS LAST) AS "rank"
    FROM "LICENSES"
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

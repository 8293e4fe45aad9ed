#!/bin/sh
# Runs once, when the postgres container initialises its volume: creates the role the API and the
# worker sign in as. It owns nothing; `npm run migrate` (as the owner) grants it row access, with
# INSERT and SELECT only on the audit trail (docs/adr/0012).
set -eu
psql -v ON_ERROR_STOP=1 -v pw="$APP_DB_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE clusterlink_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'pw';
SQL

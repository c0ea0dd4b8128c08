#!/bin/sh
# Runs once, when the Postgres volume is first created (docker-entrypoint-initdb.d).
# Two kinds of role, neither a superuser (issue 19):
# - custos_owner owns every service's database, runs the migration jobs and so owns every
#   table and the append-only triggers;
# - custos_<service> is the role the service runs as: it may connect to its own database only
#   and do there what the migrations grant it (INSERT and SELECT on its event log and ledger
#   tables, no UPDATE, DELETE, TRUNCATE, no DDL), so a stolen service credential can neither
#   rewrite the log nor drop its triggers.
# Keycloak gets its own role and database. The passwords are compose secrets (files), never variables.
set -eu
services="registry requests approvals custody storage ledger oversight"
sql() { psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres "$@"; }
sql -v pw="$(cat /run/secrets/db-owner-password)" <<'SQL'
CREATE ROLE custos_owner LOGIN PASSWORD :'pw';
SQL
for s in $services; do
  sql -v pw="$(cat "/run/secrets/db-password-$s")" -v role="custos_$s" -v db="custos_$s" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER custos_owner;
REVOKE CONNECT, TEMPORARY ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"role";
SQL
done
sql -v pw="$(cat /run/secrets/keycloak-db-password)" <<'SQL'
CREATE ROLE keycloak LOGIN PASSWORD :'pw';
CREATE DATABASE keycloak OWNER keycloak;
SQL

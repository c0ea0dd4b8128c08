#!/bin/sh
# Runs once, when the Postgres volume is first created (docker-entrypoint-initdb.d).
# Each service gets a database of its own, owned by an application role that is NOT a
# superuser: the ledger's refusal of UPDATE and DELETE is enforced by the database, and a
# superuser could switch that enforcement off. One role for this development cluster; in
# production each service has a role of its own (deploy/k8s/README.md). Keycloak gets its
# own role and database. The passwords are compose secrets (files), never variables.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v app_password="$(cat /run/secrets/custos-db-password)" \
  -v keycloak_password="$(cat /run/secrets/keycloak-db-password)" <<'SQL'
CREATE ROLE custos LOGIN PASSWORD :'app_password';
CREATE DATABASE custos_registry OWNER custos;
CREATE DATABASE custos_requests OWNER custos;
CREATE DATABASE custos_approvals OWNER custos;
CREATE DATABASE custos_custody OWNER custos;
CREATE DATABASE custos_storage OWNER custos;
CREATE DATABASE custos_ledger OWNER custos;
CREATE DATABASE custos_oversight OWNER custos;
CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_password';
CREATE DATABASE keycloak OWNER keycloak;
SQL

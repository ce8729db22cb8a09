#!/usr/bin/env python3
"""Generate a synthetic archive of decision records for benchmarks.

    python benchmarks/make_corpus.py N [--out DIR] [--seed S] [--kinds adr,rfc]

Writes N records in the native format (YAML frontmatter + markdown body) to
``DIR/adr/NNNN-slug.md`` and ``DIR/rfc/NNNN-slug.md``: about 80% ADRs and 20%
RFCs when both kinds are asked for. The archive is meant to lint clean:

* dates are ISO dates between 2015-01-01 and 2026-06-30 and never decrease
  as the number grows, so a successor is dated after its predecessor;
* about 12% of the records take part in ADR supersession chains of two to
  four records: the older ones are ``superseded`` and name their successor in
  ``superseded_by``, the newer one names them in ``supersedes``, and the
  newest of each chain is ``accepted``;
* references to other records in the prose ("see ADR-0042") name records that
  exist.

The output depends only on N, the seed and the kinds: the same arguments give
the same bytes (with the same Python version, whose ``random`` module is the
source of the choices). Existing ``DIR/adr`` and ``DIR/rfc`` folders are
removed first; nothing else in DIR is touched.

The module can be imported: ``generate(n, out, seed=..., kinds=...)`` returns
the figures that the command prints.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import string
import sys
import time

DEFAULT_SEED = 1
DEFAULT_OUT = "corpus"
KINDS = ("adr", "rfc")
RFC_SHARE = 0.20
CHAIN_SHARE = 0.12
MIN_BODY_LINES, MAX_BODY_LINES = 40, 120
FIRST_DAY = dt.date(2015, 1, 1).toordinal()
LAST_DAY = dt.date(2026, 6, 30).toordinal()

ADR_STATUSES = ("accepted", "proposed", "deprecated", "rejected")
ADR_WEIGHTS = (70, 12, 10, 8)
RFC_STATUSES = ("implemented", "accepted", "draft", "in-review", "rejected", "withdrawn")
RFC_WEIGHTS = (25, 25, 12, 13, 12, 13)

# --------------------------------------------------------------------------
# Word pools. Entries may contain {fields}: a field is filled from the
# record's topic first, then from a number generator, then from another pool.

PEOPLE = """
amara.okafor ben.liu carla.mendes dmitri.volkov elena.garcia farah.haddad
gustavo.ramos hana.sato ivan.petrov jasmine.cole kofi.mensah lara.schmidt
mateo.rossi nadia.karim oliver.brandt priya.nair quentin.moreau rosa.lindqvist
samir.aziz tessa.vogel umar.sheikh valentina.cruz wei.zhang ximena.ortiz
yusuf.demir zoe.martin aiko.tanaka bruno.silva chloe.dubois dev.patel
emeka.obi freya.nielsen
""".split()

TAGS = """
architecture messaging security data api frontend observability ci
performance reliability cost compliance infrastructure kubernetes database
testing developer-experience storage networking identity payments search
mobile machine-learning privacy documentation release caching streaming
governance
""".split()

# (tag, role, technologies): titles and options pick two technologies of one
# group so that "migrate from X to Y" stays plausible.
TECH_GROUPS = (
    ("messaging", "message broker", ("Kafka", "RabbitMQ", "NATS", "Amazon SQS", "Google Pub/Sub", "Redpanda")),
    ("database", "primary datastore", ("PostgreSQL", "MySQL", "DynamoDB", "Cassandra", "MongoDB", "CockroachDB")),
    ("kubernetes", "container orchestrator", ("Kubernetes", "Nomad", "Amazon ECS", "Docker Swarm")),
    ("infrastructure", "provisioning tool", ("Terraform", "Pulumi", "AWS CDK", "Crossplane")),
    ("observability", "telemetry pipeline", ("OpenTelemetry", "Prometheus", "Grafana Tempo", "Jaeger", "Datadog")),
    ("api", "API style", ("gRPC", "GraphQL", "REST with OpenAPI", "JSON-RPC")),
    ("search", "search engine", ("Elasticsearch", "OpenSearch", "Meilisearch", "Typesense")),
    ("frontend", "UI framework", ("React", "Vue", "Svelte", "Angular")),
    ("ci", "CI system", ("GitHub Actions", "GitLab CI", "Buildkite", "Jenkins")),
    ("caching", "cache", ("Redis", "Memcached", "Varnish", "Hazelcast")),
    ("developer-experience", "build system", ("Bazel", "Gradle", "Nx", "Pants")),
    ("identity", "identity provider", ("Keycloak", "Okta", "Auth0", "Dex")),
    ("streaming", "stream processor", ("Flink", "Kafka Streams", "Spark Structured Streaming", "Beam")),
    ("storage", "object store", ("Amazon S3", "MinIO", "Google Cloud Storage", "Ceph")),
)

POOLS_SRC: dict[str, tuple[str, ...]] = {
    "domain": (
        "order", "payment", "billing", "inventory", "checkout", "notification",
        "catalogue", "shipping", "analytics", "reporting", "pricing", "customer",
        "audit", "recommendation", "fulfilment", "invoice", "loyalty", "returns",
    ),
    "thing": (
        "events", "records", "documents", "jobs", "logs", "metrics", "sessions",
        "snapshots", "webhooks", "exports",
    ),
    "team": (
        "platform", "payments", "data", "identity", "mobile", "web", "SRE",
        "search", "growth", "infrastructure", "checkout", "developer tooling",
    ),
    "practice": (
        "trunk-based development", "feature flags", "contract testing",
        "semantic versioning", "blue-green deployments", "canary releases",
        "structured logging", "code owners", "mutual TLS", "a schema registry",
        "infrastructure as code", "service level objectives", "dependency pinning",
        "signed commits", "property-based testing", "rate limiting",
        "idempotency keys", "event sourcing", "consumer-driven contracts",
        "short-lived credentials",
    ),
    "problem": (
        "does not scale past a few thousand messages per second",
        "couples the deploys of otherwise unrelated teams",
        "cannot replay history after a consumer bug",
        "is expensive to operate at our volume",
        "hides failures until customers report them",
        "needs manual steps for every release",
        "keeps two copies of the same data that drift apart",
        "has no owner since the {team} team was reorganised",
        "runs on a version that leaves support next year",
        "makes local development slow and fragile",
    ),
    "symptom": (
        "p99 latency spikes", "duplicate deliveries", "lost updates",
        "slow rollbacks", "noisy alerts", "long build queues",
        "schema drift between producers and consumers", "connection exhaustion",
        "stale reads", "flaky integration tests", "out-of-memory restarts",
    ),
    "period": (
        "the end-of-month billing run", "seasonal peaks", "regional failovers",
        "the nightly batch window", "large catalogue imports", "marketing campaigns",
        "certificate rotations", "the quarterly price update",
    ),
    "goal": (
        "ship changes to the {domain} flow independently",
        "trace a request across service boundaries",
        "recover from a regional outage within minutes",
        "onboard new engineers in their first week",
        "keep the cost of storage flat as volume grows",
        "give auditors a complete history of {domain} {thing}",
        "roll back a bad release without a data fix",
        "let product teams self-serve new {thing}",
    ),
    "constraint": (
        "a big-bang migration", "adding headcount to the {team} team",
        "breaking existing consumers", "a freeze on customer-facing changes",
        "taking on a new vendor contract", "rewriting the {domain} service",
        "a maintenance window",
    ),
    "regulation": ("GDPR", "PCI DSS", "SOC 2", "ISO 27001", "HIPAA", "DORA"),
    "good": (
        "it is already run in production by the {team} team",
        "it removes a manual step from the release process",
        "the migration can happen one {domain} consumer at a time",
        "it has mature client libraries for every language we use",
        "it keeps operating cost roughly flat as traffic grows",
        "on-call engineers already know how to debug it",
        "it gives us {practice} without extra tooling",
        "it supports retention and replay out of the box",
        "the vendor offers a support contract that fits our budget",
    ),
    "bad": (
        "nobody on the team has operated it under load",
        "it adds a new runtime dependency to every service",
        "licensing costs grow with {domain} {thing} volume",
        "it needs a dual-write period of several weeks",
        "the documentation is thin for our deployment model",
        "it ties us to a single cloud provider",
        "it makes local development heavier",
        "it would need changes in the {team} team's on-call runbooks",
        "upgrades have historically been disruptive",
    ),
    "reason": (
        "it meets the latency budget with room to spare",
        "it is the only option that lets us {goal}",
        "it has the lowest total cost over three years",
        "the {team} team can support it without new hires",
        "it keeps the migration reversible at every step",
        "it satisfies the {regulation} controls we are audited against",
    ),
    "driver": (
        "Operational cost at current and projected volume",
        "Familiarity of the {team} team with the technology",
        "Time to recover from a failed deploy",
        "Compliance with {regulation} requirements",
        "Latency budget of {ms} ms at p99 for {domain} requests",
        "Ability to {goal}",
        "Avoiding lock-in to a single vendor",
        "Maturity of the ecosystem and tooling",
        "Effort to migrate existing {domain} {thing}",
        "Support for {practice}",
        "Impact on developer workflow and local testing",
    ),
    "context": (
        "The {domain} service currently handles {thing} through {old}, which {problem}.",
        "Over the last {num} months the team has seen {symptom} during {period}.",
        "The {team} team reported that {symptom} made the on-call rotation harder to staff.",
        "Traffic to the {domain} API has grown by {pct} percent year on year, and the current design {problem}.",
        "We need a way to {goal} that does not depend on {constraint}.",
        "The existing approach was chosen when the company had {num} engineers; it no longer fits an organisation of {big} engineers.",
        "Several incidents, the most recent in {month} {year}, were traced back to {symptom} in the {domain} path.",
        "Related background is recorded in {ref}.",
        "Most {domain} {thing} are written once and read many times, mostly within the first {num} days.",
        "Our {regulation} obligations require that {domain} {thing} can be traced to the change that produced them.",
        "A spike run by the {team} team showed that {new} {good2}.",
        "Today {old} {problem}, and the workarounds cost the {team} team roughly {num} engineer-days per month.",
    ),
    "good2": (
        "handles our peak load on a fraction of the current hardware",
        "fits the way the {team} team already deploys services",
        "removes most of the glue code around {domain} {thing}",
        "can be adopted one service at a time",
    ),
    "decision": (
        "We will adopt {new} for {domain} {thing} and retire {old} once the last consumer has moved.",
        "New services use {new} from now on; existing services move when they next change their {domain} integration.",
        "The {team} team owns the rollout and publishes a migration guide before the first service moves.",
        "We keep {old} read-only for {num} months so that rollback stays possible.",
        "The change is rolled out behind a flag, starting with internal traffic and then {pct} percent of customers.",
        "Progress is tracked in {ref}, and this record is revisited if the latency budget is missed.",
        "Existing dashboards and alerts are recreated against {new} before the cut-over.",
    ),
    "positive": (
        "Fewer pages for {symptom}",
        "Teams can {goal}",
        "One less system to patch and upgrade",
        "Clear ownership of {domain} {thing}",
        "Lower cost per {domain} request",
        "A simpler local development setup",
        "Audit evidence for {regulation} comes from one place",
    ),
    "negative": (
        "A migration period in which both {old} and {new} run",
        "Training for engineers who have not used {new}",
        "Client libraries in every service must be upgraded",
        "Some reports that read {old} directly have to be rewritten",
        "A new vendor relationship to manage",
        "Higher memory use on the {domain} hosts",
    ),
    "summary": (
        "This RFC proposes {practice} for {domain} {thing}, starting with the services owned by the {team} team.",
        "This document proposes moving {domain} {thing} from {old} to {new} over the next {num} months.",
        "We propose a shared {role} for {domain} {thing}, built on {new}, with a migration path for every current consumer.",
    ),
    "design": (
        "Each {domain} service publishes its {thing} to a topic named after the service, and consumers subscribe through a thin client library.",
        "Writes go to {new} first; a background job copies them to {old} until the last reader has moved.",
        "The client library retries with exponential backoff and gives up after {num} attempts, recording the failure as a metric.",
        "Schemas are versioned, and a producer may only add optional fields within a major version.",
        "Access is granted per service through short-lived credentials issued by the identity provider.",
        "Every message carries an idempotency key so that consumers can discard duplicates.",
        "Retention is {num} days by default; {domain} {thing} needed for audits are archived to cold storage.",
        "The rollout happens in {num} waves, each gated on error rates staying below {pct} percent of the baseline.",
    ),
    "question": (
        "Who owns the shared client library once the migration is complete?",
        "Do we need a separate cluster for {domain} {thing}, or is a namespace enough?",
        "How long must {old} stay available for reporting jobs?",
        "Should {practice} become mandatory for all teams, or only for new services?",
        "What is the budget for the vendor support contract after the first year?",
        "How do we test failover of {new} without affecting customers?",
    ),
    "drawback": (
        "Another system for the {team} team to learn and run",
        "A period of dual writes with the risk of divergence",
        "More moving parts in local development",
        "The cost estimate is uncertain until we see production traffic",
        "Some consumers need code changes they had not planned for",
    ),
    "alternative": (
        "We considered keeping {old} and tuning it; the spike described in {ref} showed that tuning alone does not meet the latency budget.",
        "A managed {role} from our cloud provider would remove operational work but ties the {domain} path to one provider.",
        "Building an in-house {role} was rejected early: it would take the {team} team most of a year.",
        "Doing nothing remains possible, but {symptom} would keep growing with traffic.",
    ),
    "detail": (
        "Load tests against a copy of production traffic showed {pct} percent headroom at peak.",
        "The {team} team pairs with each consuming team during its first migration.",
        "Dashboards for {domain} {thing} show lag, error rate and throughput per consumer.",
        "Backfills run at low priority and can be paused without losing progress.",
        "Configuration lives in the service repository and is reviewed like code.",
        "Secrets are read from the vault at start-up and never written to logs.",
        "Alerts page the owning team only when customers are affected.",
        "A runbook describes how to drain a node and how to replay {domain} {thing} from a checkpoint.",
        "Each service declares its expected throughput so that capacity can be planned per quarter.",
        "The first consumer to move is the {domain} reporting job, which tolerates delays of several minutes.",
        "A weekly sync between the {team} team and the consuming teams tracks blockers.",
        "Success means fewer incidents caused by {symptom}; we expect them to halve within two quarters.",
        "The cost model assumes {big} thousand {domain} {thing} per day, growing by {pct} percent a year.",
        "Nothing in this change alters the public {domain} API or its documented guarantees.",
        "Staging mirrors production topology so that failover can be rehearsed every quarter.",
        "We will review the decision after {num} months of production use, or earlier if the {symptom} come back.",
    ),
    "month": (
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ),
}

TITLES_SRC = (
    "Adopt {new} for {domain} {thing}",
    "Use {new} as the {role} for {domain} services",
    "Migrate {domain} {thing} from {old} to {new}",
    "Replace {old} with {new} in the {domain} platform",
    "Standardise on {new} across {team} services",
    "Introduce {practice} for {domain} {thing}",
    "Retire {old} from the {domain} stack",
    "Store {domain} {thing} in {new}",
    "Require {practice} in all {team} repositories",
    "Deprecate {old} in favour of {new}",
    "Run {new} as a shared {role}",
    "Split {domain} {thing} out of the monolith",
)

RFC_TITLES_SRC = TITLES_SRC + (
    "A shared {role} for {domain} {thing}",
    "Proposal to adopt {practice} for {team} teams",
    "Versioned schemas for {domain} {thing}",
    "Self-service {domain} {thing} on {new}",
)

OPTIONS_SRC = (
    "Adopt {new}",
    "Keep {old} and tune the current setup",
    "Use a managed {role} from our cloud provider",
    "Build an in-house {role}",
    "Run {old} and {new} side by side",
    "Do nothing",
)

# Groups whose technologies can sensibly "store" things.
STORES = {"messaging", "database", "search", "caching", "storage", "streaming"}

SUBSECTIONS = ("Rollout", "Failure handling", "Migration", "Observability", "Security",
               "Data model", "Testing", "Capacity", "Ownership", "Compatibility")

RATINGS = ("Low", "Medium", "High", "Good", "Poor", "Unknown", "Acceptable")

SNIPPETS_SRC = (
    ("yaml", (
        "{slug_domain}-{slug_thing}:",
        "  partitions: {num}",
        "  retention_hours: {hours}",
        "  replication_factor: 3",
        "  owner: {slug_team}",
    )),
    ("sh", (
        "make migrate SERVICE={slug_domain}-api DRY_RUN=1",
        "make migrate SERVICE={slug_domain}-api",
        "./scripts/verify-{slug_thing}.sh --since {year}-01-01",
    )),
    ("sql", (
        "CREATE INDEX CONCURRENTLY idx_{slug_domain}_created_at",
        "    ON {slug_domain}_{slug_thing} (created_at);",
        "ALTER TABLE {slug_domain}_{slug_thing} ADD COLUMN source_version integer;",
    )),
    ("json", (
        "{{",
        '  "service": "{slug_domain}-api",',
        '  "timeout_ms": {ms},',
        '  "max_attempts": {num}',
        "}}",
    )),
    ("python", (
        "def publish(event, client):",
        '    """Send one {domain} event; the key makes redelivery harmless."""',
        "    client.send(topic=\"{slug_domain}-{slug_thing}\", key=event.id, value=event.payload)",
    )),
)

# --------------------------------------------------------------------------
# A tiny template engine: templates are compiled once into (literal, field)
# pairs; rendering picks pool entries with the record's random generator.

_FORMATTER = string.Formatter()


def _compile(text: str) -> tuple[tuple[str, str | None], ...]:
    return tuple((lit, field) for lit, field, _spec, _conv in _FORMATTER.parse(text))


POOLS = {name: tuple(_compile(t) for t in items) for name, items in POOLS_SRC.items()}
TITLES = tuple(_compile(t) for t in TITLES_SRC)
RFC_TITLES = tuple(_compile(t) for t in RFC_TITLES_SRC)
OPTIONS = tuple(_compile(t) for t in OPTIONS_SRC)
SNIPPETS = tuple((lang, tuple(_compile(line) for line in lines)) for lang, lines in SNIPPETS_SRC)

_SLUG_RE = re.compile(r"[^a-z0-9]+")
_PLAIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9 .,/()+_-]*\Z")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}


def slugify(text: str, limit: int = 60) -> str:
    slug = _SLUG_RE.sub("-", text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "record"


def yaml_scalar(text: str) -> str:
    """A YAML scalar that reads back as exactly ``text`` (a string)."""
    if _PLAIN_RE.match(text) and text.lower() not in _YAML_WORDS and not text.endswith((" ", ".")):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrap(text: str, width: int) -> list[str]:
    if width <= 0 or len(text) <= width:
        return [text]
    lines = []
    words = text.split(" ")
    cur = words[0]
    for word in words[1:]:
        if len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur += " " + word
    lines.append(cur)
    return lines


def kind_id(kind: str, number: int) -> str:
    return f"{kind.upper()}-{number:04d}"


# --------------------------------------------------------------------------
# The archive's skeleton: numbers, dates, statuses, chains.

def _dates(rng: random.Random, count: int) -> list[str]:
    """Non-decreasing ISO dates, denser towards recent years; index 0 unused."""
    span = LAST_DAY - FIRST_DAY
    ords = sorted(FIRST_DAY + int(span * rng.random() ** 0.8) for _ in range(count))
    return [""] + [dt.date.fromordinal(o).isoformat() for o in ords]


def _chains(rng: random.Random, count: int, dates: list[str], target: int) -> list[list[int]]:
    """Disjoint chains of 2-4 record numbers with strictly increasing dates."""
    chains: list[list[int]] = []
    if count < 2 or target < 2:
        return chains
    used = bytearray(count + 1)
    mean_gap = max(2.0, count / 40)
    members = 0
    attempts = 0
    while members < target and attempts < target * 20:
        attempts += 1
        length = rng.choice((2, 2, 2, 3, 3, 4))
        start = rng.randint(1, count)
        if used[start]:
            continue
        chain = [start]
        while len(chain) < length:
            for _ in range(8):
                nxt = chain[-1] + 1 + int(rng.expovariate(1 / mean_gap))
                if nxt <= count and not used[nxt] and dates[nxt] > dates[chain[-1]]:
                    chain.append(nxt)
                    break
            else:
                break
        if len(chain) < 2:
            continue
        for number in chain:
            used[number] = 1
        chains.append(chain)
        members += len(chain)
    chains.sort()
    return chains


class _Archive:
    def __init__(self, rng: random.Random, counts: dict[str, int]):
        self.rng = rng
        self.counts = counts
        self.dates = {kind: _dates(rng, n) for kind, n in counts.items()}
        self.status: dict[str, list[str]] = {}
        self.supersedes: dict[int, int] = {}
        self.superseded_by: dict[int, int] = {}
        self.chains: list[list[int]] = []
        total = sum(counts.values())
        if counts.get("adr"):
            n = counts["adr"]
            self.status["adr"] = [""] + rng.choices(ADR_STATUSES, ADR_WEIGHTS, k=n)
            target = min(round(CHAIN_SHARE * total), n // 2)
            self.chains = _chains(rng, n, self.dates["adr"], target)
            for chain in self.chains:
                for older, newer in zip(chain, chain[1:]):
                    self.superseded_by[older] = newer
                    self.supersedes[newer] = older
                    self.status["adr"][older] = "superseded"
                self.status["adr"][chain[-1]] = "accepted"
        if counts.get("rfc"):
            self.status["rfc"] = [""] + rng.choices(RFC_STATUSES, RFC_WEIGHTS, k=counts["rfc"])


# --------------------------------------------------------------------------
# One record.

class _Writer:
    def __init__(self, rng: random.Random, archive: _Archive):
        self.rng = rng
        self.archive = archive
        self.ctx: dict[str, str] = {}
        self.used: set[int] = set()
        self.kind = "adr"  # the record being written
        self.number = 1
        self.pos = 0.0  # the record's place in its kind, 0..1, for references
        self.width = 80
        self.bullet = "-"
        r = rng
        self.funcs = {
            "num": lambda: str(r.randint(2, 18)),
            "big": lambda: str(r.randint(4, 30) * 10),
            "pct": lambda: str(r.randint(5, 60)),
            "ms": lambda: str(r.choice((50, 100, 150, 200, 250, 300, 500))),
            "hours": lambda: str(r.choice((24, 72, 168, 336, 720))),
            "year": lambda: str(r.randint(2016, 2026)),
            "ref": self.ref,
        }

    # -- references to other records ------------------------------------
    def ref(self) -> str:
        """The id of an existing, mostly older record (never the record itself)."""
        counts = self.archive.counts
        kinds = [k for k in KINDS if counts.get(k)]
        kind = self.rng.choice(kinds) if len(kinds) > 1 and self.rng.random() < 0.3 else self.kind
        limit = max(1, int(self.pos * counts[kind]))
        if kind == self.kind:
            if self.number == 1:
                others = [k for k in kinds if k != kind]
                if others:
                    return kind_id(others[0], 1)
                limit = counts[kind]
            else:
                limit = min(limit, self.number - 1)
        number = self.rng.randint(1, limit)
        if kind == self.kind and number == self.number:
            number = number + 1 if number < counts[kind] else number - 1
        return kind_id(kind, max(1, number))

    # -- rendering --------------------------------------------------------
    def render(self, parts) -> str:
        out = []
        for lit, field in parts:
            if lit:
                out.append(lit)
            if field is not None:
                value = self.ctx.get(field)
                if value is None:
                    func = self.funcs.get(field)
                    value = func() if func else self.render(self.rng.choice(POOLS[field]))
                out.append(value)
        return "".join(out)

    def pick(self, pool: str) -> str:
        return self.render(self.rng.choice(POOLS[pool]))

    def picks(self, pool: str, k: int) -> list[str]:
        """k renderings of different entries, preferring ones this record has not used."""
        entries = POOLS[pool]
        fresh = [e for e in entries if id(e) not in self.used]
        chosen = self.rng.sample(fresh if len(fresh) >= k else entries, min(k, len(entries)))
        self.used.update(id(e) for e in chosen)
        return [self.render(e) for e in chosen]

    def paragraph(self, pool: str, low: int = 2, high: int = 4) -> list[str]:
        return wrap(" ".join(self.picks(pool, self.rng.randint(low, high))), self.width)

    def bullets(self, pool: str, low: int, high: int, prefix: str = "") -> list[str]:
        return [f"{self.bullet} {prefix}{item}" for item in self.picks(pool, self.rng.randint(low, high))]

    def snippet(self) -> list[str]:
        lang, lines = self.rng.choice(SNIPPETS)
        return [f"```{lang}"] + [self.render(line) for line in lines] + ["```"]

    def table(self, columns: list[str]) -> list[str]:
        rows = ["| Criterion | " + " | ".join(columns) + " |",
                "|---" * (len(columns) + 1) + "|"]
        criteria = self.rng.sample(("Cost", "Latency", "Operational effort", "Migration effort",
                                    "Team familiarity", "Vendor lock-in", "Maturity"),
                                   self.rng.randint(3, 5))
        for criterion in criteria:
            rows.append(f"| {criterion} | " + " | ".join(self.rng.choice(RATINGS) for _ in columns) + " |")
        return rows

    # -- topic ----------------------------------------------------------------
    def topic(self, titles) -> tuple[str, str]:
        r = self.rng
        tag, role, techs = r.choice(TECH_GROUPS)
        old, new = r.sample(techs, 2)
        domain = r.choice(POOLS_SRC["domain"])
        thing = r.choice(POOLS_SRC["thing"])
        team = r.choice(POOLS_SRC["team"])
        self.ctx = {
            "old": old, "new": new, "role": role, "domain": domain, "thing": thing,
            "team": team, "practice": r.choice(POOLS_SRC["practice"]),
            "slug_domain": domain, "slug_thing": thing, "slug_team": slugify(team),
        }
        self.used = set()
        while True:
            template = r.choice(titles)
            if tag in STORES or template[0][0] not in ("Store ", "Self-service "):
                break
        title = self.render(template)
        return title[0].upper() + title[1:], tag

    def tags(self, first: str) -> list[str]:
        k = self.rng.randint(1, 3)
        tags = [first]
        for tag in self.rng.sample(TAGS, 3):
            if len(tags) == k:
                break
            if tag not in tags:
                tags.append(tag)
        return tags

    # -- frontmatter --------------------------------------------------------
    def frontmatter(self, fields: list[tuple[str, object]]) -> list[str]:
        block = self.rng.random() < 0.15
        lines = ["---"]
        for key, value in fields:
            if isinstance(value, list):
                if block:
                    lines.append(f"{key}:")
                    lines.extend(f"  - {v}" for v in value)
                else:
                    lines.append(f"{key}: [{', '.join(value)}]")
            else:
                lines.append(f"{key}: {value}")
        lines.append("---")
        return lines

    def style(self) -> None:
        self.width = self.rng.choice((72, 80, 80, 100))
        self.bullet = "*" if self.rng.random() < 0.3 else "-"

    @staticmethod
    def assemble(head: list[str], sections: list[tuple[str, list[list[str]]]]) -> str:
        lines = head
        for heading, blocks in sections:
            lines.append("")
            lines.append(heading)
            for block in blocks:
                lines.append("")
                lines.extend(block)
        lines.append("")
        return "\n".join(lines)

    def fill(self, sections, growable, target: int, filler) -> None:
        total = sum(2 + sum(len(b) + 1 for b in blocks) for _, blocks in sections) + 2  # + blank, title
        while total < target:
            index = self.rng.choice(growable)
            block = filler(index)
            if total + len(block) + 1 > MAX_BODY_LINES:
                break
            sections[index][1].append(block)
            total += len(block) + 1

    # -- ADR ----------------------------------------------------------------
    def adr(self, number: int) -> tuple[str, str]:
        r = self.rng
        a = self.archive
        self.kind, self.number = "adr", number
        self.pos = (number - 1) / max(1, a.counts["adr"])
        self.style()
        title, tag = self.topic(TITLES)
        status = a.status["adr"][number]
        fields: list[tuple[str, object]] = []
        if r.random() < 0.25:
            fields.append(("id", kind_id("adr", number)))
        if r.random() < 0.2:
            fields.append(("title", yaml_scalar(title)))
        fields.append(("status", status))
        fields.append(("date", a.dates["adr"][number]))
        fields.append(("deciders", r.sample(PEOPLE, r.randint(2, 3))))
        fields.append(("tags", self.tags(tag)))
        older = a.supersedes.get(number)
        newer = a.superseded_by.get(number)
        if older:
            fields.append(("supersedes", [kind_id("adr", older)]))
        if newer:
            fields.append(("superseded_by", [kind_id("adr", newer)]))
        head = self.frontmatter(fields) + ["", f"# {title}"]

        context = [self.paragraph("context", 2, 4)]
        if older:
            context.insert(0, wrap(f"This decision revisits {kind_id('adr', older)}, which chose "
                                   f"{self.ctx['old']} for {self.ctx['domain']} {self.ctx['thing']}. Since then it has "
                                   f"turned out that {self.ctx['old']} {self.pick('problem')}.", self.width))
        drivers = [self.bullets("driver", 3, 6)]
        options = [self.render(o) for o in r.sample(OPTIONS, r.randint(2, 4))]
        if "Adopt " + self.ctx["new"] not in options:
            options[0] = "Adopt " + self.ctx["new"]
        chosen = "Adopt " + self.ctx["new"]
        considered: list[list[str]] = []
        if r.random() < 0.35:
            considered.append([f"{self.bullet} {o}" for o in options])
            if r.random() < 0.3:
                considered.append(self.table(options))
        else:
            for i, option in enumerate(options, 1):
                considered.append([f"### Option {i}: {option}"])
                considered.append(self.bullets("good", 1, 2, "Good, because ")
                                  + self.bullets("bad", 1, 2, "Bad, because "))
            if r.random() < 0.15:
                considered.append(self.table(options))
        decision = [wrap(f'Chosen option: "{chosen}", because {self.pick("reason")}.', self.width),
                    self.paragraph("decision", 1, 3)]
        if status == "rejected":
            decision.insert(0, wrap(f"The review rejected this proposal: {self.pick('bad')}. "
                                    f"The {self.ctx['team']} team keeps {self.ctx['old']} for now.", self.width))
        elif status == "deprecated":
            decision.insert(0, wrap(f"This decision is deprecated. New {self.ctx['domain']} services "
                                    f"should not follow it; see {self.ref()} for the current guidance.", self.width))
        elif status == "superseded" and newer:
            decision.insert(0, wrap(f"Superseded by {kind_id('adr', newer)}.", self.width))
        if r.random() < 0.25:
            decision.append(self.snippet())
        consequences = [["### Positive"], self.bullets("positive", 2, 4),
                        ["### Negative"], self.bullets("negative", 1, 3)]
        if r.random() < 0.3:
            consequences.append(self.paragraph("decision", 1, 2))
        sections = [("## Context", context), ("## Decision drivers", drivers),
                    ("## Considered options", considered), ("## Decision", decision),
                    ("## Consequences", consequences)]
        pools = {0: "context", 3: "decision", 4: "decision"}

        def filler(index: int) -> list[str]:
            if index == 1:
                return self.bullets("driver", 1, 2)
            return self.paragraph(pools[index] if r.random() < 0.5 else "detail", 2, 4)

        self.fill(sections, (0, 0, 1, 3, 4), r.randint(MIN_BODY_LINES, MAX_BODY_LINES - 6), filler)
        return slugify(title), self.assemble(head, sections)

    # -- RFC ----------------------------------------------------------------
    def rfc(self, number: int) -> tuple[str, str]:
        r = self.rng
        a = self.archive
        self.kind, self.number = "rfc", number
        self.pos = (number - 1) / max(1, a.counts["rfc"])
        self.style()
        title, tag = self.topic(RFC_TITLES)
        people = r.sample(PEOPLE, 5)
        n_authors = r.randint(1, 2)
        fields: list[tuple[str, object]] = []
        if r.random() < 0.25:
            fields.append(("id", kind_id("rfc", number)))
        if r.random() < 0.2:
            fields.append(("title", yaml_scalar(title)))
        fields.append(("status", a.status["rfc"][number]))
        fields.append(("date", a.dates["rfc"][number]))
        fields.append(("authors", people[:n_authors]))
        fields.append(("reviewers", people[n_authors:n_authors + r.randint(1, 3)]))
        fields.append(("tags", self.tags(tag)))
        head = self.frontmatter(fields) + ["", f"# {title}"]

        summary = [wrap(self.pick("summary"), self.width)]
        motivation = [self.paragraph("context", 2, 4)]
        if r.random() < 0.5:
            motivation.append(self.bullets("driver", 2, 4))
        design = [self.paragraph("design", 2, 4)]
        if r.random() < 0.4:
            design.append(self.snippet())
        if r.random() < 0.25:
            design.append(self.table([self.ctx["old"], self.ctx["new"]]))
        sections = [("## Summary", summary), ("## Motivation", motivation),
                    ("## Detailed design", design), ("## Drawbacks", [self.bullets("drawback", 2, 3)]),
                    ("## Alternatives", [self.paragraph("alternative", 1, 3)]),
                    ("## Unresolved questions", [self.bullets("question", 1, 3)])]
        pools = {1: "context", 2: "design", 4: "alternative"}
        subsections = r.sample(SUBSECTIONS, 4)

        def filler(index: int) -> list[str]:
            if index == 2:
                roll = r.random()
                if roll < 0.1:
                    return self.snippet()
                if roll < 0.4 and subsections:
                    return [f"### {subsections.pop()}", ""] + self.paragraph("detail", 2, 3)
                if roll < 0.55:
                    return self.bullets("detail", 2, 4)
            return self.paragraph(pools[index] if r.random() < 0.5 else "detail", 2, 4)

        self.fill(sections, (1, 2, 2, 2, 4), r.randint(MIN_BODY_LINES, MAX_BODY_LINES - 6), filler)
        return slugify(title), self.assemble(head, sections)


# --------------------------------------------------------------------------

def split_counts(n: int, kinds: tuple[str, ...]) -> dict[str, int]:
    if kinds == ("adr",):
        return {"adr": n}
    if kinds == ("rfc",):
        return {"rfc": n}
    rfc = round(n * RFC_SHARE)
    return {"adr": n - rfc, "rfc": rfc}


def generate(n: int, out: str, seed: int = DEFAULT_SEED, kinds=KINDS) -> dict:
    """Write the corpus; return its figures (records per kind, chains, bytes)."""
    kinds = tuple(k for k in KINDS if k in kinds)
    if not kinds:
        raise ValueError("no known kind in --kinds (expected adr and/or rfc)")
    rng = random.Random(seed)
    counts = split_counts(n, kinds)
    archive = _Archive(rng, counts)
    writer = _Writer(rng, archive)
    os.makedirs(out, exist_ok=True)
    for kind in KINDS:
        folder = os.path.join(out, kind)
        if os.path.islink(folder) or os.path.isfile(folder):
            os.unlink(folder)
        elif os.path.isdir(folder):
            shutil.rmtree(folder)
    total_bytes = 0
    for kind, count in counts.items():
        folder = os.path.join(out, kind)
        os.makedirs(folder)
        make = writer.adr if kind == "adr" else writer.rfc
        for number in range(1, count + 1):
            slug, text = make(number)
            data = text.encode("utf-8")
            with open(os.path.join(folder, f"{number:04d}-{slug}.md"), "wb") as fh:
                fh.write(data)
            total_bytes += len(data)
    return {
        "records": n,
        "adr": counts.get("adr", 0),
        "rfc": counts.get("rfc", 0),
        "chains": len(archive.chains),
        "chain_records": sum(len(c) for c in archive.chains),
        "bytes": total_bytes,
        "seed": seed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, metavar="N", help="number of records to write")
    parser.add_argument("--out", default=DEFAULT_OUT, help="output folder (default: ./corpus)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default: {DEFAULT_SEED})")
    parser.add_argument("--kinds", default="adr,rfc", help="comma-separated kinds (default: adr,rfc)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be zero or more")
    kinds = tuple(k.strip().lower() for k in args.kinds.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        parser.error(f"--kinds: unknown kind {', '.join(unknown) or '(none)'}; use adr, rfc or adr,rfc")
    started = time.perf_counter()
    stats = generate(args.n, args.out, seed=args.seed, kinds=kinds)
    elapsed = time.perf_counter() - started
    print(f"make_corpus: wrote {stats['records']} records ({stats['adr']} ADR, {stats['rfc']} RFC) "
          f"to {args.out}: {stats['chains']} chains ({stats['chain_records']} records), "
          f"{stats['bytes']:,} bytes, seed {args.seed}, {elapsed:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

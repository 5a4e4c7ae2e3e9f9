"use client";

import { useState } from "react";
import { Alert, Button, Field } from "@/components/ui/form";
import { normaliseUrl, serverOf, type ConnectionField } from "@/lib/connections/normalise";
import type { ConnectionSettingsView } from "@/lib/settings/connection-settings";
import type { LastConnectionTest } from "@/lib/settings/connection-tests";
import { saveConnectionAction, testConnectionAction } from "../actions";
import { CARDS, type CardField, type CardInfo } from "./card-fields";
import { CheckList } from "./check-list";
import { LocalTime } from "@/components/ui/local-time";

type Service = "halo" | "hudu";
type SaveResult = Awaited<ReturnType<typeof saveConnectionAction>>;
type TestResult = Awaited<ReturnType<typeof testConnectionAction>>;

const SECRET_HINT_KEY = { haloClientSecret: "haloClientSecretHint", huduApiKey: "huduApiKeyHint" } as const;

function savedValue(settings: ConnectionSettingsView, field: ConnectionField): string {
  if (field === "haloClientSecret" || field === "huduApiKey") return "";
  return settings[field] ?? "";
}

const URL_KINDS = { haloAuthUrl: "haloAuth", haloResourceUrl: "haloResource", huduUrl: "hudu" } as const;

/**
 * The new server (host) a typed address points to when it differs from the saved one, else null.
 * The server refuses such a save unless the secret is typed again; this says so before Save.
 */
function movedServer(card: CardInfo, values: Partial<Record<ConnectionField, string>>, settings: ConnectionSettingsView): string | null {
  for (const field of card.fields) {
    if (!(field.name in URL_KINDS)) continue;
    const saved = savedValue(settings, field.name);
    const typed = normaliseUrl(values[field.name] ?? "", URL_KINDS[field.name as keyof typeof URL_KINDS], { allowHttp: true }).value;
    const server = serverOf(typed);
    if (saved && server && server !== serverOf(saved)) return new URL(server).host;
  }
  return null;
}

/**
 * One service's settings: the form (secrets are never sent here; an empty secret input keeps
 * the saved one), Save, Test against the saved settings, and the last verdict.
 */
export function ConnectionCard({
  service,
  canEdit,
  initialSettings,
  initialTest,
}: {
  service: Service;
  canEdit: boolean;
  initialSettings: ConnectionSettingsView;
  initialTest: LastConnectionTest | null;
}) {
  const card = CARDS[service];
  const name = service === "halo" ? "Halo" : "Hudu";
  const [settings, setSettings] = useState(initialSettings);
  const [values, setValues] = useState<Partial<Record<ConnectionField, string>>>(() =>
    Object.fromEntries(card.fields.map((f) => [f.name, savedValue(initialSettings, f.name)])),
  );
  const [lastTest, setLastTest] = useState(initialTest);
  const [saveResult, setSaveResult] = useState<SaveResult | null>(null);
  const [testResult, setTestResult] = useState<TestResult | null>(null);
  const [pending, setPending] = useState<"save" | "test" | null>(null);

  const dirty = card.fields.some((f) => (values[f.name] ?? "") !== savedValue(settings, f.name));
  const fieldErrors = saveResult?.status === "invalid" ? (saveResult.fieldErrors ?? {}) : {};
  const notes = saveResult?.status === "ok" ? (saveResult.data?.notes ?? {}) : {};
  const noteLines = card.fields.flatMap((f) => (notes[f.name] ?? []).map((n) => `${f.label}: ${n}`));
  const newServer = movedServer(card, values, settings);

  async function onSave(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending("save");
    setTestResult(null);
    try {
      const result = await saveConnectionAction({ service, ...values });
      setSaveResult(result);
      if (result.status === "ok" && result.data) {
        const next = result.data.settings;
        setSettings(next);
        setValues(Object.fromEntries(card.fields.map((f) => [f.name, savedValue(next, f.name)])));
        if (result.data.testCleared) setLastTest(null);
      }
    } catch {
      setSaveResult({ status: "error", message: "Could not reach the server. Check your connection and try again." });
    } finally {
      setPending(null);
    }
  }

  async function onTest() {
    setPending("test");
    setSaveResult(null);
    try {
      const result = await testConnectionAction({ service });
      setTestResult(result);
      if (result.status === "ok" && result.data) setLastTest(result.data);
    } catch {
      setTestResult({ status: "error", message: "Could not reach the server. Check your connection and try again." });
    } finally {
      setPending(null);
    }
  }

  const badge = !lastTest
    ? { text: "Not tested", className: "bg-slate-100 text-slate-600" }
    : lastTest.ok
      ? { text: "Working", className: "bg-green-100 text-green-800" }
      : { text: "Not working", className: "bg-red-100 text-red-800" };

  return (
    <section aria-labelledby={`${service}-title`} className="flex flex-col rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div className="space-y-1">
          <h2 id={`${service}-title`} className="text-base font-semibold">
            {card.title}
          </h2>
          <p className="text-sm text-slate-600">{card.intro}</p>
        </div>
        <span data-testid={`${service}-status`} className={`shrink-0 rounded-full px-2.5 py-0.5 text-xs font-medium ${badge.className}`}>
          {badge.text}
        </span>
      </header>

      <form onSubmit={onSave} noValidate className="space-y-4 px-5 py-4" aria-label={`${name} settings`}>
        {saveResult && saveResult.status !== "ok" ? <Alert tone="error">{saveResult.message}</Alert> : null}
        {saveResult?.status === "ok" ? (
          <Alert tone="success">
            <p>{saveResult.message}</p>
            {noteLines.length > 0 ? (
              <>
                <p className="mt-1">We tidied what was typed:</p>
                <ul className="mt-1 list-disc pl-5">
                  {noteLines.map((line) => (
                    <li key={line}>{capitalise(line)}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </Alert>
        ) : null}

        <fieldset disabled={!canEdit || pending !== null} className="space-y-4">
          {card.fields.map((field) => (
            <CardInput
              key={field.name}
              field={field}
              value={values[field.name] ?? ""}
              onChange={(v) => setValues((prev) => ({ ...prev, [field.name]: v }))}
              error={fieldErrors[field.name]?.[0]}
              settings={settings}
              canEdit={canEdit}
              newServer={field.secret ? newServer : null}
            />
          ))}
        </fieldset>

        {canEdit ? (
          <div className="flex flex-wrap items-center gap-2 pt-1">
            <Button type="submit" disabled={pending !== null || !dirty}>
              {pending === "save" ? "Saving…" : `Save ${name} settings`}
            </Button>
            <Button type="button" variant="secondary" onClick={onTest} disabled={pending !== null || dirty}>
              {pending === "test" ? "Testing…" : `Test ${name}`}
            </Button>
            {dirty ? <span className="text-xs text-slate-500">Save your changes first: Test uses the saved settings.</span> : null}
          </div>
        ) : null}
      </form>

      <div className="mt-auto space-y-3 border-t border-slate-100 bg-slate-50/60 px-5 py-4" data-testid={`${service}-last-test`}>
        {testResult && testResult.status !== "ok" ? <Alert tone="error">{testResult.message}</Alert> : null}
        {pending === "test" ? (
          <p className="text-sm text-slate-600" role="status">
            Testing {name}… this takes a few seconds.
          </p>
        ) : lastTest ? (
          <>
            <p className="text-sm text-slate-700">
              <span className={`font-medium ${lastTest.ok ? "text-green-800" : "text-red-800"}`}>
                {lastTest.ok ? `${name} works.` : `${name} does not work yet.`}
              </span>{" "}
              <span className="text-slate-500">
                Last tested <LocalTime date={lastTest.testedAt} />
                {lastTest.testedBy ? ` by ${lastTest.testedBy}` : ""}.
              </span>
            </p>
            <CheckList checks={lastTest.checks} />
          </>
        ) : (
          <p className="text-sm text-slate-500">
            {settings.updatedAt ? `Not tested since these settings were saved.` : "Not tested yet."}
            {canEdit ? ` Press Test ${name} to check them.` : ""}
          </p>
        )}
      </div>
    </section>
  );
}

function CardInput({
  field,
  value,
  onChange,
  error,
  settings,
  canEdit,
  newServer,
}: {
  field: CardField;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  settings: ConnectionSettingsView;
  canEdit: boolean;
  /** Set on a secret field when a typed address points to another server than the saved one. */
  newServer: string | null;
}) {
  const override = settings.overrides[field.name];
  const secretHint = field.secret ? settings[SECRET_HINT_KEY[field.name as keyof typeof SECRET_HINT_KEY]] : null;
  const unreadable = field.secret && settings.unreadableSecrets.includes(field.name as "haloClientSecret" | "huduApiKey");

  const hint = (
    <>
      {newServer && value === "" ? (
        <span className="block font-medium text-amber-800">
          The address now points to another server ({newServer}): enter the {secretName(field)} again. A saved{" "}
          {secretName(field)} is never sent to a server it was not entered for.
        </span>
      ) : field.secret ? (
        <span className="block">
          {secretHint
            ? `Saved (${secretHint}).${canEdit ? " Leave empty to keep it; type a new one to replace it." : ""}`
            : unreadable
              ? "A secret is saved but this server cannot decrypt it (the encryption key changed). Enter it again."
              : "Not saved yet."}
        </span>
      ) : null}
      <span className="block">{field.hint}</span>
      {override ? (
        <span className="mt-1 block text-amber-800">
          The server sets {override.envVar}
          {override.shown ? ` (${override.shown})` : ""}: that value is used instead of this one.
        </span>
      ) : null}
    </>
  );

  return (
    <Field
      label={field.optional ? `${field.label} (optional)` : field.label}
      name={field.name}
      type={field.secret ? "password" : "text"}
      autoComplete={field.secret ? "new-password" : "off"}
      spellCheck={false}
      placeholder={field.secret ? (secretHint ?? "") : field.placeholder}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      hint={hint}
    />
  );
}

/** "client secret", "API key": the label as it reads mid-sentence. */
function secretName(field: CardField): string {
  return field.label.replace(/^Client/, "client");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import type { FlowDocument } from "./flow";

/** The languages a template can be written in; English is the source and the default. */
export const TEMPLATE_LANGUAGES = ["en", "ru"] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];
export const isTemplateLanguage = (value: string): value is TemplateLanguage => (TEMPLATE_LANGUAGES as readonly string[]).includes(value);

/** A template in one language: what people read (name, description, the flow's texts, its test cases) is written in it. */
export type LocalizedTemplate = {
  name: string;
  description: string;
  document: FlowDocument & { tests: NonNullable<FlowDocument["tests"]> };
};

/**
 * A scenario template: a ready flow with the test cases that prove it works, in every language it
 * is written in (English always). `name`, `description` and `document` are the English ones.
 * The engine is handed its templates (engine options).
 */
export type FlowTemplate = LocalizedTemplate & {
  id: string;
  languages: { en: LocalizedTemplate } & Partial<Record<TemplateLanguage, LocalizedTemplate>>;
};

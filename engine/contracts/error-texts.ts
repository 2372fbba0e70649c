/**
 * Texts of the engine's errors people read (input errors, `EngineInputError`; a channel's words around
 * what its provider said, `wordedError`), by code. A text is a template where
 * `{name}` stands for a parameter. The English one becomes the error's `message` (what the API and
 * its machines read); the Russian one is rendered from the same code and parameters for a person
 * (`errorText`). Pure and browser-safe: the app's error notice imports it.
 */

export type ErrorLocale = "en" | "ru";
/** A parameter that is itself words (e.g. a file problem worded by zod): one text per language. */
export type WordedParam = Record<ErrorLocale, string>;
export type ErrorParams = Record<string, string | number | WordedParam>;

const EN = {
  "flow.not-found": "flow {flowId} not found",
  "flow.no-published-version": "flow {flowId} has no published version",
  "flow.no-operator-trigger": 'this flow has no "Started by an operator" trigger in its published version',
  "flow.file-invalid": "Not an Omniflow flow file: {path}: {problem}",
  "flow.trigger-overlap": '"{flow}" already listens to {listensTo}: choose which flow goes first, or deactivate one of them',
  "flow.order-incomplete": 'the order must place "{flow}" too: their triggers overlap',
  "flow.order-unknown": "flow {flowId} does not take any event this flow takes, so it has no place in the order",
  "flow.publish-unchanged": "nothing changed since version {version}: edit the flow before publishing it again",
  "version.not-found": "version {versionId} not found",
  "instance.not-found": "instance {instanceId} not found",
  "migration.unmapped": 'waiting node "{node}" has no node of version {version} to go to: pick one',
  "migration.unknown-target": 'waiting node "{node}" is mapped to "{target}", which version {version} does not have',
  "migration.different-kind": 'waiting node "{node}" ({type}) cannot wait as "{target}" ({targetType}): pick a node of the same kind',
  "migration.cannot-wait": 'waiting node "{node}" waits for {event}, which "{target}" does not: what its instances hold would be ignored',
  "migration.missing-outcome": 'waiting node "{node}" has tasks that may end "{outcome}", which "{target}" has no output for',
  "migration.state-unresolved": 'instances resting in "{node}" cannot rest in the mapped nodes of version {version} (a Run in parallel differs)',
  "migration.same-version": "instances of version {version} are already on it: pick an older version to migrate from",
  "migration.no-waiting": "no instance of this flow waits on a version other than {version}",
  "template.unknown": 'no template "{templateId}"',
  "template.language": 'unknown language "{language}": templates are written in {languages}',
  "template.not-in-language": 'template "{templateId}" is not written in "{language}" (only in {available})',
  "trigger.payload": "{field}: {problem}",
  "hook.unknown": 'no published flow listens on the webhook "{hook}"',
  "customer.not-found": "customer {customerId} not found",
  "customer.erase-unconfirmed": 'to erase this customer\'s personal data, type their name or "ERASE"',
  "customer.identity-invalid": '"{value}" is not a valid {kind}',
  "customer.merged": "customer {customerId} was merged into another customer",
  "merge.suggestion-not-found": "merge suggestion {suggestionId} not found",
  "merge.decided": "this merge suggestion was already decided ({status})",
  "merge.not-found": "merge {mergeId} not found",
  "merge.split": "this merge was already split",
  "merge.not-latest": "customer {customerId} took part in a later merge: split that one first",
  "timeline.cursor": "cursor: not a cursor this timeline gave",
  "import.columns": "the file needs a header row with an email or phone column, and at most {limit} columns",
  "import.too-many-rows": "the file has more than {limit} rows",
  "setting.unknown": 'no setting "{key}"',
  "setting.invalid": "setting {key} is invalid: {problem}",
  "task.not-found": "task {taskId} not found",
  "task.cancelled": "this task was cancelled: the flow no longer waits for it",
  "task.cancelled-reply": "this task was cancelled: the flow no longer waits for it, so nothing is sent",
  "task.completed-reply": "this task is completed, so nothing is sent: its flow has moved on",
  "task.cancelled-steps": "this task is cancelled",
  "task.completed": "this task is already completed",
  "task.no-step": "task has no step {step}",
  "task.skills-missing": "{name} lacks the skills this task needs: {skills}",
  "task.outcome-unknown": '"{outcome}" is not an outcome of this task ({outcomes})',
  "task.no-conversation": "this task has no conversation to reply in",
  "task.no-address": "the customer has no address on this channel",
  "operator.not-found": "operator {operatorId} not found",
  "notification.not-found": "notification {notificationId} not found",
  "notification.not-yours": "this notification is not for you",
  "channel.payload-not-one": "the {channel} payload does not hold one message",
  "channel.not-installed": "no {channel} channel is installed",
  "channel.no-settings": "the {channel} channel takes no settings: it is always on",
  "channel.no-sandbox": "the {channel} channel has no sandbox",
  "channel.off": "the {channel} channel is off: configure it or run it in sandbox mode",
  "channel.not-sandboxed": "the {channel} channel is not in sandbox mode",
  // A channel's words around what its provider said: the provider's own words (`said`, `answer`, `problem`) stay as they came.
  "telegram.refused": "Telegram refused {method} ({status}): {said}",
  "telegram.failed": "Telegram failed {method} ({status}): {said}",
  "telegram.refused-unreadable": "Telegram refused {method} ({status}): an answer that is not the Bot API's: {answer}",
  "telegram.failed-unreadable": "Telegram failed {method} ({status}): an answer that is not the Bot API's: {answer}",
  "email.smtp-refused": "the SMTP server refused the message: {said}",
  "email.smtp-answered": "the SMTP server answered {said}",
  "email.smtp-failed": "sending over SMTP failed: {problem}",
  "twilio.answered": "Twilio answered HTTP {status}: {answer}",
  "twilio.answered-empty": "Twilio answered HTTP {status}: (no body)",
  "twilio.refused": "Twilio answered HTTP {status} (error {errorCode}): {said}",
  "twilio.no-sid": "Twilio answered HTTP {status} without the new resource's SID",
  "phone.no-answer": "no answer from Twilio's Calls API within {seconds} s: the call may have been placed, so it is not placed again",
  "whatsapp.address": '"{address}" is not a WhatsApp address (a phone number in E.164, such as +15551234567)',
  "whatsapp.answered": "WhatsApp answered HTTP {status}: {answer}",
  "whatsapp.answered-empty": "WhatsApp answered HTTP {status}: (no body)",
  "whatsapp.refused": "WhatsApp refused the message, HTTP {status}, code {errorCode}: {said}{details}",
  "whatsapp.no-message-id": "WhatsApp took the message but its answer names no message id: {answer}",
  "vk.answered": "VK answered messages.send with HTTP {status}: {answer}",
  "vk.unexpected": "VK answered messages.send with something unexpected: {answer}",
  "vk.refused": "VK refused messages.send: {said} (error {errorCode})",
  "viber.answered": "Viber answered send_message with HTTP {status}: {answer}",
  "viber.unexpected": "Viber answered send_message with something unexpected: {answer}",
  "viber.refused": "Viber refused send_message: {said} (status {status})",
  "viber.refused-no-reason": "Viber refused send_message: no reason given (status {status})",
  "viber.no-token": "Viber took the message but gave no message_token",
  "credential.not-found": "credential {credentialId} not found",
  "credential.name-taken": 'a credential named "{name}" already exists',
  "credential.header-name-missing": "a header credential needs the header's name (e.g. X-Api-Key)",
  "credential.basic-format": "a basic credential is written user:password",
  "credential.in-use": 'credential "{name}" is used by published flows ({flows}): publish them without it first',
  "audit.export-too-large": "{rows} audit rows match: narrow the filter to at most {limit} to export them",
  "outbound.allow-entry": 'OMNIFLOW_OUTBOUND_ALLOW: "{entry}" is not a host, host:port, address or CIDR network',
  "outbound.internal-address": "refused to call {host} is {kind}; internal hosts are called only when OMNIFLOW_OUTBOUND_ALLOW lists them",
  "outbound.internal-resolves": "refused to call {host} resolves to {address}, {kind}; internal hosts are called only when OMNIFLOW_OUTBOUND_ALLOW lists them",
  "outbound.redirects": "refused to follow more than {limit} redirects from {url}",
  "outbound.invalid-url": 'refused to call "{url}": not a valid URL',
  "outbound.protocol": "refused to call {protocol} URLs: only http and https",
  "access.missing-credentials": "send an API key (Authorization: Bearer omf_…) or a signature (Omniflow-Signature: keyId=…,t=…,v1=…)",
  "access.invalid-key": "the API key is not valid",
  "access.key-revoked": "this API key was revoked",
  "access.invalid-signature": "the signature does not match the body (or names no valid key)",
  "access.signature-expired": "the signature's timestamp is more than {minutes} minutes away from the server's clock",
  "access.scope": 'this API key may not call "{scope}"',
  "access.visitor-token": "no valid visitor token for this conversation",
  "api-key.not-found": "API key {keyId} not found",
  "store.busy": "the database stayed busy, so nothing was accepted: retry in {seconds} s",
  "store.overloaded": "{pending} events are already waiting to be written, so nothing was accepted: retry in {seconds} s",
  "store.unsynced": "the disk did not confirm the write, so it was not accepted: retry in {seconds} s",
  // An input's field out of its bounds (zod's own words for them, by code: field-issues.ts).
  "input.required": "required",
  "input.email": "not an e-mail address",
  "input.too-long": "too long: at most {characters}",
  "input.too-short": "too short: at least {characters}",
  "input.too-many": "too many: at most {limit}",
  "input.too-few": "too few: at least {limit}",
  "input.too-large": "at most {limit}",
  "input.too-small": "at least {limit}",
  // The HTTP API answers an unknown channel with this code too, so it keeps its older spelling.
  unknown_channel: 'No channel "{channel}".',
} as const;

export type EngineErrorCode = keyof typeof EN;

/** The parameter names a text uses: `"task {taskId} not found"` → `"taskId"`. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The parameters an error code needs, each of them. */
export type ErrorParamsOf<C extends EngineErrorCode> = { [K in Placeholders<(typeof EN)[C]>]: string | number | WordedParam };

/** Russian as a contact-centre team reads it (sentence case, no full stop, like the app's texts). */
const RU: Record<EngineErrorCode, string> = {
  "flow.not-found": "Сценарий {flowId} не найден",
  "flow.no-published-version": "У сценария {flowId} нет опубликованной версии",
  "flow.no-operator-trigger": "В опубликованной версии этого сценария нет триггера «Запущен оператором»",
  "flow.file-invalid": "Это не файл сценария Omniflow: {path}: {problem}",
  "flow.trigger-overlap": "«{flow}» уже слушает {listensTo}: выберите, какой сценарий идёт первым, или отключите один из них",
  "flow.order-incomplete": "В порядке не хватает сценария «{flow}»: их триггеры пересекаются",
  "flow.order-unknown": "Сценарий {flowId} не принимает ни одного события этого сценария, ему нет места в порядке",
  "flow.publish-unchanged": "С версии {version} ничего не изменилось: измените сценарий, прежде чем публиковать снова",
  "version.not-found": "Версия {versionId} не найдена",
  "instance.not-found": "Экземпляр сценария {instanceId} не найден",
  "migration.unmapped": "Для узла ожидания «{node}» не выбран узел версии {version}: выберите его",
  "migration.unknown-target": "Узел ожидания «{node}» сопоставлен с «{target}», но в версии {version} такого узла нет",
  "migration.different-kind": "Узел ожидания «{node}» ({type}) не может ждать как «{target}» ({targetType}): выберите узел того же типа",
  "migration.cannot-wait": "Узел ожидания «{node}» ждёт {event}, а «{target}» — нет: то, чего ждут его экземпляры, было бы проигнорировано",
  "migration.missing-outcome": "У узла ожидания «{node}» есть задачи с результатом «{outcome}», для которого у «{target}» нет выхода",
  "migration.state-unresolved": "Экземпляры в узле «{node}» не могут оказаться в выбранных узлах версии {version} (отличается узел «Запустить параллельно»)",
  "migration.same-version": "Экземпляры версии {version} уже на ней: выберите более раннюю версию",
  "migration.no-waiting": "Ни один экземпляр этого сценария не ждёт в версии, отличной от {version}",
  "template.unknown": "Шаблона «{templateId}» нет",
  "template.language": "Неизвестный язык «{language}»: шаблоны написаны на языках {languages}",
  "template.not-in-language": "Шаблона «{templateId}» нет на языке «{language}» (есть только {available})",
  "trigger.payload": "Данные не подходят триггеру сценария: {field}: {problem}",
  "hook.unknown": "Ни один опубликованный сценарий не принимает вебхук «{hook}»",
  "customer.not-found": "Клиент {customerId} не найден",
  "customer.erase-unconfirmed": "Чтобы удалить персональные данные клиента, введите его имя или «ERASE»",
  "setting.unknown": "Настройки «{key}» нет",
  "setting.invalid": "Недопустимое значение настройки {key}: {problem}",
  "task.not-found": "Задача {taskId} не найдена",
  "task.cancelled": "Задача отменена: сценарий её больше не ждёт",
  "task.cancelled-reply": "Задача отменена: сценарий её больше не ждёт, поэтому сообщение не отправлено",
  "task.completed-reply": "Задача уже завершена, поэтому сообщение не отправлено: сценарий пошёл дальше",
  "task.cancelled-steps": "Задача отменена",
  "task.completed": "Задача уже завершена",
  "task.no-step": "В задаче нет шага {step}",
  "task.skills-missing": "У оператора {name} нет навыков, нужных для этой задачи: {skills}",
  "task.outcome-unknown": "«{outcome}» — не результат этой задачи (возможные результаты: {outcomes})",
  "task.no-conversation": "У задачи нет диалога, в котором можно ответить",
  "task.no-address": "У клиента нет адреса в этом канале",
  "operator.not-found": "Оператор {operatorId} не найден",
  "notification.not-found": "Уведомление {notificationId} не найдено",
  "notification.not-yours": "Это уведомление адресовано не вам",
  "channel.payload-not-one": "Данные канала {channel} должны содержать ровно одно сообщение",
  "channel.not-installed": "Канал {channel} не установлен",
  "channel.no-settings": "У канала {channel} нет настроек: он включён всегда",
  "channel.no-sandbox": "У канала {channel} нет песочницы",
  "channel.off": "Канал {channel} выключен: настройте его или включите песочницу",
  "channel.not-sandboxed": "Канал {channel} работает не в песочнице",
  "telegram.refused": "Telegram отклонил {method} ({status}): {said}",
  "telegram.failed": "Telegram не смог выполнить {method} ({status}): {said}",
  "telegram.refused-unreadable": "Telegram отклонил {method} ({status}), ответ не похож на ответ Bot API: {answer}",
  "telegram.failed-unreadable": "Telegram не смог выполнить {method} ({status}), ответ не похож на ответ Bot API: {answer}",
  "email.smtp-refused": "SMTP-сервер отказался принять письмо: {said}",
  "email.smtp-answered": "SMTP-сервер ответил: {said}",
  "email.smtp-failed": "Не удалось отправить письмо по SMTP: {problem}",
  "twilio.answered": "Twilio ответил кодом HTTP {status}: {answer}",
  "twilio.answered-empty": "Twilio ответил кодом HTTP {status} с пустым телом",
  "twilio.refused": "Twilio ответил кодом HTTP {status} (ошибка {errorCode}): {said}",
  "twilio.no-sid": "Twilio ответил кодом HTTP {status}, но не сообщил SID созданного ресурса",
  "phone.no-answer": "API звонков Twilio не ответил за {seconds} с: звонок мог состояться, поэтому повторно он не совершается",
  "whatsapp.address": "«{address}» — не адрес WhatsApp (нужен номер телефона в формате E.164, например +15551234567)",
  "whatsapp.answered": "WhatsApp ответил кодом HTTP {status}: {answer}",
  "whatsapp.answered-empty": "WhatsApp ответил кодом HTTP {status} с пустым телом",
  "whatsapp.refused": "WhatsApp отклонил сообщение: HTTP {status}, код {errorCode}: {said}{details}",
  "whatsapp.no-message-id": "WhatsApp принял сообщение, но в ответе нет его идентификатора: {answer}",
  "vk.answered": "ВКонтакте ответил на messages.send кодом HTTP {status}: {answer}",
  "vk.unexpected": "ВКонтакте ответил на messages.send непонятным ответом: {answer}",
  "vk.refused": "ВКонтакте отклонил messages.send: {said} (ошибка {errorCode})",
  "viber.answered": "Viber ответил на send_message кодом HTTP {status}: {answer}",
  "viber.unexpected": "Viber ответил на send_message непонятным ответом: {answer}",
  "viber.refused": "Viber отклонил send_message: {said} (статус {status})",
  "viber.refused-no-reason": "Viber отклонил send_message без объяснения причины (статус {status})",
  "viber.no-token": "Viber принял сообщение, но не вернул message_token",
  "credential.not-found": "Учётные данные {credentialId} не найдены",
  "credential.name-taken": "Учётные данные с названием «{name}» уже есть",
  "credential.header-name-missing": "Для учётных данных типа «заголовок» укажите имя заголовка (например, X-Api-Key)",
  "credential.basic-format": "Учётные данные типа «логин и пароль» записываются как логин:пароль",
  "credential.in-use": "Учётные данные «{name}» используются в опубликованных сценариях ({flows}): сначала опубликуйте их без этих данных",
  "audit.export-too-large": "Под фильтр подходит записей журнала аудита: {rows}. Сузьте фильтр, чтобы выгрузить не больше {limit}",
  "outbound.allow-entry": "OMNIFLOW_OUTBOUND_ALLOW: «{entry}» — не имя хоста, хост:порт, адрес или сеть CIDR",
  "outbound.internal-address": "Вызов {host} запрещён: это {kind}. Внутренние адреса вызываются, только если они перечислены в OMNIFLOW_OUTBOUND_ALLOW",
  "outbound.internal-resolves":
    "Вызов {host} запрещён: имя указывает на {address}, а это {kind}. Внутренние адреса вызываются, только если они перечислены в OMNIFLOW_OUTBOUND_ALLOW",
  "outbound.redirects": "Запрос остановлен: больше {limit} перенаправлений подряд, начиная с {url}",
  "outbound.invalid-url": "«{url}» — не URL: запрос не отправлен",
  "outbound.protocol": "Адреса {protocol} не вызываются: только http и https",
  "customer.identity-invalid": "«{value}» — неверное значение ({kind})",
  "customer.merged": "Клиент {customerId} объединён с другим клиентом",
  "merge.suggestion-not-found": "Предложение объединить клиентов {suggestionId} не найдено",
  "merge.decided": "По этому предложению уже принято решение ({status})",
  "merge.not-found": "Объединение {mergeId} не найдено",
  "merge.split": "Это объединение уже разделено",
  "merge.not-latest": "Клиент {customerId} участвовал в более позднем объединении: сначала разделите его",
  "timeline.cursor": "cursor: это не курсор этой ленты",
  "import.columns": "В файле нужна строка заголовков со столбцом email или phone и не больше {limit} столбцов",
  "import.too-many-rows": "В файле больше {limit} строк",
  "access.missing-credentials": "Передайте API-ключ (Authorization: Bearer omf_…) или подпись (Omniflow-Signature: keyId=…,t=…,v1=…)",
  "access.invalid-key": "API-ключ недействителен",
  "access.key-revoked": "Этот API-ключ отозван",
  "access.invalid-signature": "Подпись не соответствует телу запроса (или указывает на недействительный ключ)",
  "access.signature-expired": "Время подписи отличается от часов сервера больше чем на {minutes} мин",
  "access.scope": "Этому API-ключу не разрешено вызывать «{scope}»",
  "access.visitor-token": "Нет действительного токена посетителя для этого диалога",
  "api-key.not-found": "API-ключ {keyId} не найден",
  "store.busy": "База данных была занята, событие не принято: повторите через {seconds} с",
  "store.overloaded": "На запись уже ждут событий: {pending}. Событие не принято: повторите через {seconds} с",
  "store.unsynced": "Диск не подтвердил запись, событие не принято: повторите через {seconds} с",
  "input.required": "обязательное поле",
  "input.email": "это не адрес e-mail",
  "input.too-long": "слишком длинно: не больше {characters}",
  "input.too-short": "слишком коротко: не меньше {characters}",
  "input.too-many": "слишком много: не больше {limit}",
  "input.too-few": "слишком мало: не меньше {limit}",
  "input.too-large": "не больше {limit}",
  "input.too-small": "не меньше {limit}",
  unknown_channel: "Канала «{channel}» нет",
};

/** Every text, by language and code (tests walk it). */
export const ERROR_TEXTS: Record<ErrorLocale, Record<EngineErrorCode, string>> = { en: EN, ru: RU };

export const isEngineErrorCode = (code: unknown): code is EngineErrorCode => typeof code === "string" && Object.hasOwn(EN, code);

const PLACEHOLDER = /\{([A-Za-z]\w*)\}/g;

/** Fills `{name}` from `params` (worded ones in `locale`); null when a parameter is missing (the caller falls back to English). */
export function fillErrorText(template: string, params: ErrorParams, locale: ErrorLocale = "en"): string | null {
  let missing = false;
  const text = template.replace(PLACEHOLDER, (_whole, name: string) => {
    if (!Object.hasOwn(params, name)) missing = true;
    const value = params[name];
    return typeof value === "object" && value !== null ? value[locale] : String(value);
  });
  return missing ? null : text;
}

/** The English text of a code: the error's `message`. */
export function englishErrorText<C extends EngineErrorCode>(code: C, params: ErrorParamsOf<C>): string {
  return fillErrorText(EN[code], params as ErrorParams) ?? EN[code];
}

/**
 * An engine error as a person reads it in `locale`. English is the error's own `message`, exactly;
 * other languages are rendered from its `code` and `params`. An error without a known code or with
 * a parameter missing (an older client, another kind of error) falls back to its English message.
 */
export function errorText(error: { code?: string | null; params?: ErrorParams | null; message: string }, locale: string): string {
  if (locale === "en" || !isEngineErrorCode(error.code)) return error.message;
  const texts = ERROR_TEXTS[locale as ErrorLocale];
  if (!texts) return error.message;
  return fillErrorText(texts[error.code], error.params ?? {}, locale as ErrorLocale) ?? error.message;
}

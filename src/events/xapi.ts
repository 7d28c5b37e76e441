import type { LearningEvent, Verb } from './event.ts';

/** The xAPI verb each PeerPath verb maps to: ADL verbs where one fits, PeerPath URNs otherwise. */
export const XAPI_VERBS: Record<Verb, { id: string; display: string }> = {
  started: { id: 'http://adlnet.gov/expapi/verbs/launched', display: 'launched' },
  attempted: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: 'attempted' },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: 'passed' },
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: 'completed' },
  'logged-hours': { id: 'urn:peerpath:verb:logged-hours', display: 'logged hours' },
  'verified-hours': { id: 'urn:peerpath:verb:verified-hours', display: 'verified hours' },
  rated: { id: 'http://id.tincanapi.com/verb/rated', display: 'rated' },
  'signed-off': { id: 'urn:peerpath:verb:signed-off', display: 'signed off' },
  'changed-phase': { id: 'http://adlnet.gov/expapi/verbs/progressed', display: 'progressed' },
  enrolled: { id: 'http://adlnet.gov/expapi/verbs/registered', display: 'registered' },
  'checked-in': { id: 'urn:peerpath:verb:checked-in', display: 'checked in' },
};

const ACTIVITY_TYPES: Record<LearningEvent['object']['type'], string> = {
  module: 'http://adlnet.gov/expapi/activities/module',
  quiz: 'http://adlnet.gov/expapi/activities/assessment',
  hours: 'urn:peerpath:activity:hours',
  competency: 'urn:peerpath:activity:competency',
  phase: 'urn:peerpath:activity:phase',
  pathway: 'http://adlnet.gov/expapi/activities/course',
  'check-in': 'urn:peerpath:activity:check-in',
};

/** An xAPI 1.0.3 statement (the parts PeerPath fills in). */
export type XapiStatement = {
  id: string;
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } };
  verb: { id: string; display: Record<string, string> };
  object: { objectType: 'Activity'; id: string; definition: { type: string; name?: Record<string, string> } };
  result?: { score?: { scaled: number; raw: number; min: number; max: number }; success?: boolean; completion?: boolean; response?: string; extensions?: Record<string, number> };
  context: { registration?: string; extensions: Record<string, string> };
  timestamp: string;
  version: '1.0.3';
};

/**
 * Maps one learning event onto one xAPI 1.0.3 statement. People are
 * identified by account id on this site, never by email.
 */
export function toXapiStatement(event: LearningEvent, siteUrl: string): XapiStatement {
  const verb = XAPI_VERBS[event.verb];
  const { result } = event;
  const statementResult: XapiStatement['result'] = result
    ? {
        ...(result.score !== undefined ? { score: { scaled: result.score / 100, raw: result.score, min: 0, max: 100 } } : {}),
        ...(result.success !== undefined ? { success: result.success } : {}),
        ...(result.completion !== undefined ? { completion: result.completion } : {}),
        ...(result.value !== undefined ? { response: result.value } : {}),
        ...(result.hours !== undefined || result.level !== undefined
          ? { extensions: { ...(result.hours !== undefined ? { 'urn:peerpath:result:hours': result.hours } : {}), ...(result.level !== undefined ? { 'urn:peerpath:result:level': result.level } : {}) } }
          : {}),
      }
    : undefined;
  return {
    id: event.id,
    actor: { objectType: 'Agent', account: { homePage: siteUrl, name: event.actorId } },
    verb: { id: verb.id, display: { 'en-GB': verb.display } },
    object: {
      objectType: 'Activity',
      id: `${siteUrl}/xapi/activities/${event.object.type}/${encodeURIComponent(event.object.id)}`,
      definition: { type: ACTIVITY_TYPES[event.object.type], ...(event.object.name ? { name: { 'en-GB': event.object.name } } : {}) },
    },
    ...(statementResult ? { result: statementResult } : {}),
    context: {
      ...(event.enrolmentId ? { registration: event.enrolmentId } : {}),
      extensions: {
        'urn:peerpath:context:subject': event.subjectId,
        ...(event.organisationId ? { 'urn:peerpath:context:organisation': event.organisationId } : {}),
      },
    },
    timestamp: event.timestamp,
    version: '1.0.3',
  };
}

import { describe, expect, it } from 'vitest';
import { learningEvent } from './build.ts';
import { VERBS } from './event.ts';
import { toXapiStatement, XAPI_VERBS } from './xapi.ts';

describe('xAPI mapping', () => {
  it('maps a scored quiz attempt onto one xAPI 1.0.3 statement', () => {
    const event = learningEvent({
      actorId: 'user-1',
      verb: 'attempted',
      object: { type: 'quiz', id: 'role-clarity', name: 'Role clarity' },
      result: { score: 80, success: true },
      organisationId: 'org-1',
      enrolmentId: '6f1c1f1e-2b1e-4c8e-9d55-1a2b3c4d5e6f',
      at: '2026-11-20T10:00:00.000Z',
    });
    expect(toXapiStatement(event, 'https://peers.example')).toEqual({
      id: event.id,
      actor: { objectType: 'Agent', account: { homePage: 'https://peers.example', name: 'user-1' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-GB': 'attempted' } },
      object: {
        objectType: 'Activity',
        id: 'https://peers.example/xapi/activities/quiz/role-clarity',
        definition: { type: 'http://adlnet.gov/expapi/activities/assessment', name: { 'en-GB': 'Role clarity' } },
      },
      result: { score: { scaled: 0.8, raw: 80, min: 0, max: 100 }, success: true },
      context: {
        registration: '6f1c1f1e-2b1e-4c8e-9d55-1a2b3c4d5e6f',
        extensions: { 'urn:peerpath:context:subject': 'user-1', 'urn:peerpath:context:organisation': 'org-1' },
      },
      timestamp: '2026-11-20T10:00:00.000Z',
      version: '1.0.3',
    });
  });

  it('has a distinct verb IRI for every verb, and carries hours as a result extension', () => {
    const iris = VERBS.map((verb) => XAPI_VERBS[verb].id);
    expect(new Set(iris).size).toBe(VERBS.length);
    const statement = toXapiStatement(learningEvent({ actorId: 'mentor-1', subjectId: 'user-1', verb: 'verified-hours', object: { type: 'hours', id: 'h1' }, result: { hours: 2.5 }, at: new Date() }), 'https://x');
    expect(statement.actor.account.name).toBe('mentor-1');
    expect(statement.result).toEqual({ extensions: { 'urn:peerpath:result:hours': 2.5 } });
    expect(statement.context.extensions['urn:peerpath:context:subject']).toBe('user-1');
  });
});

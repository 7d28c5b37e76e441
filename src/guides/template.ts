/**
 * What a new role guide starts from: the headings a good guide covers, with
 * prompts in brackets. Research found that vague job descriptions leave new
 * peers and their teams unsure (seed 002); this template asks for the detail.
 */
export const ROLE_GUIDE_TEMPLATE = `## Purpose of the role

[Why this service employs peer support workers, in two or three sentences. Who the role is for, and what difference it is meant to make.]

## What the role is

- [Everyday tasks: one-to-one support, groups, going along to appointments, community links]
- [How peer workers use their lived experience, and that sharing it is always their choice]
- [Where the work happens: wards, community, online, on the phone]

## What the role is not

- [Not a clinician or case manager: no diagnosis, no medication advice, no risk assessments on their own]
- [Not a cover for gaps in staffing]
- [Not a "fixer": the person being supported leads]

## Boundaries

[Contact outside work, gifts, social media, confidentiality and its limits, what to do when a dual relationship comes up. Link to the organisation's code of ethics.]

## Supervision and support

[Who supervises peer workers, how often, and whether supervision is from someone with lived experience. Mentoring for new peers. Where to go on a hard day, and the reasonable adjustments available.]

## How the team works with peers

[How peer workers join team meetings and handovers, how their view is heard in decisions, who to talk to when tensions with clinical approaches come up.]

## The four phases of a peer role

Studies that followed new peer workers for a year found their roles moved through four phases. Say what to expect in each here.

- **Early beginnings:** [the first weeks: induction, finding your feet, the mentor you will be paired with]
- **Establishing the role:** [how the team comes to understand the role, and how trust is built]
- **Role narrowing:** [what this service does if the role starts to shrink to a few tasks, and who to raise it with]
- **Role sustainability:** [how the role can grow: training, progression, whether the post is permanent or a step to other roles]
`;

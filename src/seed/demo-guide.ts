/** The demo organisation's published role guide (an invented service). */
export const DEMO_GUIDE_TITLE = 'Peer support worker, community team';

export const DEMO_GUIDE = `## Purpose of the role

Harbour Peer Support (a demo organisation) employs peer support workers because people who have lived through mental distress and recovery can offer something no other member of the team can: hope that is real, and understanding that comes from the inside. Peer workers support people using our community service to work towards the life they want, in their own way.

## What the role is

- Meeting people one to one, in the community or at our drop-in, at a pace that suits them.
- Running or co-running groups, such as our Thursday recovery circle and our walking group.
- Going along to appointments when someone asks, and helping them say what matters to them.
- Linking people with community groups, study, work and volunteering.
- Sharing your own experience when it helps the other person, and never because you feel you must. What you share is always your choice.
- Bringing the view of people who use our service into team meetings.

## What the role is not

- You are not a nurse, social worker or case manager. You do not diagnose, give medication advice or carry out risk assessments on your own.
- You are not there to fill gaps when the team is short of staff.
- You do not "fix" people. The person you support leads; you walk alongside.

## Boundaries

- We do not connect with the people we support on personal social media. Use the work phone for contact, during working hours.
- Small gifts (for example a card or home-made food) are fine; tell your supervisor. Anything of value is politely declined.
- If you already know someone who is referred to you, tell your supervisor so that together you can decide who is best placed to support them.
- What people tell you stays within the team, except when someone may be at serious risk of harm. Our code of ethics explains this; your supervisor will go through it with you.

## Supervision and support

- You will have one hour of supervision every two weeks with the peer support lead, who has lived experience too.
- In your first three months you will be paired with a mentor, an experienced peer worker who you can call on between supervisions.
- Reasonable adjustments are available. Talk to your supervisor about what would help, at any time.
- On a hard day, you can step away, and you can talk to your supervisor, your mentor or the staff wellbeing line.

## How the team works with peers

Peer workers join the weekly team meeting and handovers. When decisions are made about someone you support, your view is asked for. If you find yourself disagreeing with a clinical view, raise it in the meeting calmly, and bring it to supervision afterwards. The team manager is the person to go to if a tension does not settle.

## The four phases of a peer role

Research that followed new peer workers for a year found their roles moved through four phases. This is what to expect here.

- **Early beginnings:** induction, shadowing, meeting the team, and being paired with your mentor. It is normal to feel unsure what the role is at first.
- **Establishing the role:** the team learns what you do, people start to ask for you, and trust grows.
- **Role narrowing:** if you find your role shrinking to a few tasks (for example only escorting people to appointments), tell your supervisor. We will look at it together.
- **Role sustainability:** after the first year you can take on group facilitation, mentoring new peers, and training. The post is permanent.
`;

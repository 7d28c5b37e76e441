import { pathCatalogue } from '../curriculum/collections.ts';
import type { Services } from '../server/services.ts';
import { openBadgeCredential } from './certificates.server.ts';
import type { Certificate } from './records.ts';
import { signerOf } from './signing.ts';

/** A certificate as its Open Badges 3.0 credential (JSON), with what it names read from the store and the curriculum. */
export async function credentialOf({ config, store }: Pick<Services, 'config' | 'store'>, certificate: Certificate): Promise<Record<string, unknown>> {
  const [organisation, people, catalogue] = await Promise.all([store.organisation(certificate.organisationId), store.people([certificate.userId]), pathCatalogue()]);
  return openBadgeCredential(certificate, {
    siteUrl: config.publicUrl,
    organisation: { name: organisation?.name ?? '', slug: organisation?.slug ?? '' },
    pathway: catalogue.pathways.get(certificate.pathwayId),
    email: people.get(certificate.userId)?.email ?? '',
  });
}

/** The same credential signed by the installation's key (a VC-JWT). */
export async function signedCredentialOf(services: Pick<Services, 'config' | 'store'>, certificate: Certificate): Promise<string> {
  const [credential, signer] = await Promise.all([credentialOf(services, certificate), signerOf(services)]);
  return signer.sign(credential);
}

import { NotFoundMessage } from '@/components/ui/not-found-message';

// Records the portal's pages look up and cannot find (an unknown blueprint, launch, cluster or
// execution) answer HTTP 404 with this page inside the portal's shell.
export default function PortalNotFound() {
  return (
    <NotFoundMessage back={{ href: '/catalog', label: 'Back to the catalog' }}>That page or record does not exist, or you may not see it.</NotFoundMessage>
  );
}

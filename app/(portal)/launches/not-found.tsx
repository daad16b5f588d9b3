import { NotFoundMessage } from '@/components/ui/not-found-message';

export default function LaunchesNotFound() {
  return <NotFoundMessage back={{ href: '/launches', label: 'All launches' }}>No such launch, or it belongs to a team you are not in.</NotFoundMessage>;
}

import { NotFoundMessage } from '@/components/ui/not-found-message';

export default function KafkaNotFound() {
  return (
    <NotFoundMessage back={{ href: '/kafka', label: 'Clusters you can see' }}>
      No such Kafka cluster. It may have been removed, or it belongs to a team you are not in.
    </NotFoundMessage>
  );
}

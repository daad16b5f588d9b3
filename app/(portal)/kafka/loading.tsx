import { Spinner } from '@/components/ui/spinner';

export default function KafkaLoading() {
  return (
    <div className="py-12">
      <Spinner label="Reading the cluster" />
    </div>
  );
}

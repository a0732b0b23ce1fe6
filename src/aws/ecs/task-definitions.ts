import { DescribeTaskDefinitionCommand, type ECSClient } from "@aws-sdk/client-ecs";
import { parseTaskDefinition, TaskDefinitionError, type TaskDefinition } from "../../ecs/task-definition.js";
import { callEcs, type EcsCallContext } from "./ecs-errors.js";

/** A task definition by ARN (or family:revision), read into the same model as a file. */
export async function describeTaskDefinition(client: ECSClient, taskDefinition: string, context: EcsCallContext): Promise<TaskDefinition> {
  const answer = await callEcs("DescribeTaskDefinition", { taskDefinition }, context, () => client.send(new DescribeTaskDefinitionCommand({ taskDefinition })));
  if (answer.taskDefinition === undefined) throw new Error(`ECS DescribeTaskDefinition for ${taskDefinition} returned no task definition`);
  try {
    return parseTaskDefinition(answer.taskDefinition, taskDefinition);
  } catch (error) {
    if (error instanceof TaskDefinitionError) throw new Error(`ECS DescribeTaskDefinition for ${taskDefinition} returned a task definition tighten cannot read: ${error.message}`);
    throw error;
  }
}

package io.fleetjobs.app.mqtt;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.MqttActivity;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.PermissionType;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.Retain;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.SharedSubscription;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.Topics;
import java.util.List;

/**
 * The topics each kind of client may use on the embedded broker; everything else is refused (the default is deny).
 * The broker takes the first permission that matches, so each denial comes before the grant it narrows.
 *
 * <ul>
 *   <li>a device: its own subtree {@code fleet/v1/devices/{id}/#}, where it may not publish on the service's
 *       {@code down} topics; and, as a gateway, {@code fleet/v1/gateways/{id}/#} in the same way (the children are
 *       named inside the topic, so the set stays right as children come and go; the service checks each child is the
 *       gateway's own). No retained messages, no shared subscriptions;
 *   <li>an enrolling device (not registered yet, connected with an enrolment token): publishing its enrolment request
 *       and subscribing to its credential and error topics, nothing else;
 *   <li>the service: the whole {@code fleet/v1/#} tree, shared subscriptions included.
 * </ul>
 */
final class TopicPermissions {

  private TopicPermissions() {}

  static List<TopicPermission> device(String deviceId) {
    return List.of(
        deny(Topics.deviceSubscription(deviceId), MqttActivity.PUBLISH),
        allow(Topics.deviceSubtree(deviceId)),
        deny(Topics.gatewaySubscription(deviceId), MqttActivity.PUBLISH),
        allow(Topics.gatewaySubtree(deviceId)));
  }

  static List<TopicPermission> enrolling(String deviceId) {
    List<TopicPermission> permissions = new java.util.ArrayList<>();
    permissions.add(allow(Topics.topic(deviceId, Channel.ENROLMENT_REQUEST), MqttActivity.PUBLISH));
    Topics.enrolmentSubscriptions(deviceId).forEach(topic -> permissions.add(allow(topic, MqttActivity.SUBSCRIBE)));
    return List.copyOf(permissions);
  }

  static List<TopicPermission> service() {
    return List.of(Builders.topicPermission().topicFilter(Topics.ROOT + "/#").type(PermissionType.ALLOW).activity(MqttActivity.ALL)
        .sharedSubscription(SharedSubscription.ALL).retain(Retain.ALL).build());
  }

  private static TopicPermission allow(String filter) {
    return allow(filter, MqttActivity.ALL);
  }

  private static TopicPermission allow(String filter, MqttActivity activity) {
    return Builders.topicPermission().topicFilter(filter).type(PermissionType.ALLOW).activity(activity)
        .retain(Retain.NOT_RETAINED).sharedSubscription(SharedSubscription.NOT_SHARED).build();
  }

  private static TopicPermission deny(String filter, MqttActivity activity) {
    return Builders.topicPermission().topicFilter(filter).type(PermissionType.DENY).activity(activity)
        .retain(Retain.ALL).sharedSubscription(SharedSubscription.ALL).build();
  }
}
